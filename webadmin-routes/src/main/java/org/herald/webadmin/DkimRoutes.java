package org.herald.webadmin;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.herald.core.dkim.DkimAlgorithm;
import org.herald.core.dkim.keys.DkimKey;
import org.herald.core.dkim.keys.DkimKeyConflictException;
import org.herald.core.dkim.keys.DkimKeyLifecycle;
import org.herald.core.dkim.keys.DkimKeyNotFoundException;
import org.herald.core.dkim.keys.PublishedRecord;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Request;
import spark.Response;
import spark.Route;
import spark.Service;

/**
 * DKIM keys over WebAdmin, thin over {@link DkimKeyLifecycle}. Private keys never leave the server: no answer carries
 * one, not even sealed.
 *
 * <ul>
 *   <li>{@code GET /dkim/domains} the domains with keys;</li>
 *   <li>{@code POST /dkim/domains/{domain}/keys} generate pending keys ({@code {"algorithms":["ed25519-sha256"]}},
 *       empty body: conf/dkim.xml's algorithms) or import one ({@code {"privateKey":"-----BEGIN…","selector":"s1"}});</li>
 *   <li>{@code GET /dkim/domains/{domain}/keys}, {@code GET …/keys/{selector}};</li>
 *   <li>{@code GET /dkim/domains/{domain}/dns} the TXT records to publish, keep and remove;</li>
 *   <li>{@code POST …/keys/{selector}/activate} check DNS now and activate, or 409 with the reason;</li>
 *   <li>{@code POST /dkim/domains/{domain}/rotate} the next pending keys;</li>
 *   <li>{@code DELETE …/keys/{selector}} a pending or retired key.</li>
 * </ul>
 */
public class DkimRoutes implements Routes {
    public static final String BASE_PATH = "/dkim";
    private static final String DOMAIN = BASE_PATH + "/domains/:domain";
    private static final String KEY = DOMAIN + "/keys/:selector";

    private final DkimKeyLifecycle lifecycle;
    private final Set<DkimAlgorithm> defaultAlgorithms;
    private final JsonTransformer jsonTransformer;
    /** Strict: a misspelt field ("algorithm") must be a 400, not silently the defaults. */
    private final ObjectMapper keyRequests = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    public DkimRoutes(DkimKeyLifecycle lifecycle, DefaultDkimAlgorithms defaultAlgorithms, JsonTransformer jsonTransformer) {
        this.lifecycle = lifecycle;
        this.defaultAlgorithms = defaultAlgorithms.algorithms();
        this.jsonTransformer = jsonTransformer;
    }

    /** What a POST of keys without "algorithms" generates (conf/dkim.xml {@code <keys algorithms>}). */
    public record DefaultDkimAlgorithms(Set<DkimAlgorithm> algorithms) {
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH + "/domains", (request, response) -> lifecycle.domains(), jsonTransformer);
        service.post(DOMAIN + "/keys", handled(this::createKeys), jsonTransformer);
        service.get(DOMAIN + "/keys", handled((request, response) ->
            lifecycle.keys(request.params("domain")).stream().map(KeyDto::from).toList()), jsonTransformer);
        service.get(KEY, handled((request, response) ->
            KeyDto.from(lifecycle.key(request.params("domain"), request.params("selector")))), jsonTransformer);
        service.get(DOMAIN + "/dns", handled((request, response) ->
            lifecycle.publication(request.params("domain")).stream().map(RecordDto::from).toList()), jsonTransformer);
        service.post(KEY + "/activate", handled((request, response) ->
            KeyDto.from(lifecycle.activate(request.params("domain"), request.params("selector")))), jsonTransformer);
        service.post(DOMAIN + "/rotate", handled((request, response) -> {
            List<DkimKey> created = lifecycle.rotate(request.params("domain"));
            response.status(HttpStatus.CREATED_201);
            return created.stream().map(KeyDto::from).toList();
        }), jsonTransformer);
        service.delete(KEY, handled((request, response) -> {
            lifecycle.delete(request.params("domain"), request.params("selector"));
            response.status(HttpStatus.NO_CONTENT_204);
            return "";
        }));
    }

    private Object createKeys(Request request, Response response) {
        KeyRequest body = parse(request);
        String domain = request.params("domain");
        List<DkimKey> created;
        if (body.privateKey() != null) {
            if (body.algorithms() != null) {
                throw badRequest("give either privateKey (import) or algorithms (generate), not both");
            }
            created = List.of(lifecycle.importKey(domain, body.privateKey(), Optional.ofNullable(body.selector())));
        } else {
            if (body.selector() != null) {
                throw badRequest("selector may only be given with privateKey; generated keys are named by conf/dkim.xml's selectorPattern");
            }
            created = lifecycle.generate(domain, algorithms(body.algorithms()));
        }
        response.status(HttpStatus.CREATED_201);
        return created.stream().map(KeyDto::from).toList();
    }

    private KeyRequest parse(Request request) {
        String body = request.body();
        if (body == null || body.isBlank()) {
            return new KeyRequest(null, null, null);
        }
        try {
            return keyRequests.readValue(body, KeyRequest.class);
        } catch (JsonProcessingException e) {
            throw badRequest("the body is not a key request: " + e.getOriginalMessage()
                + " (expected {\"algorithms\":[\"rsa-sha256\",\"ed25519-sha256\"]} or {\"privateKey\":\"-----BEGIN …\"})");
        }
    }

    private Set<DkimAlgorithm> algorithms(List<String> tags) {
        if (tags == null) {
            return defaultAlgorithms;
        }
        if (tags.isEmpty()) {
            throw badRequest("algorithms is empty: name rsa-sha256 and/or ed25519-sha256");
        }
        Set<DkimAlgorithm> algorithms = EnumSet.noneOf(DkimAlgorithm.class);
        for (String tag : tags) {
            algorithms.add(DkimAlgorithm.fromTag(String.valueOf(tag))
                .orElseThrow(() -> badRequest("unknown algorithm '" + tag + "': use rsa-sha256 or ed25519-sha256")));
        }
        return algorithms;
    }

    /** Maps the lifecycle's refusals to James's JSON error shape: 400 bad input, 404 unknown key, 409 wrong state. */
    private static Route handled(Route route) {
        return (request, response) -> {
            try {
                return route.handle(request, response);
            } catch (IllegalArgumentException e) {
                throw badRequest(e.getMessage());
            } catch (DkimKeyNotFoundException e) {
                throw ErrorResponder.builder()
                    .statusCode(HttpStatus.NOT_FOUND_404)
                    .type(ErrorResponder.ErrorType.NOT_FOUND)
                    .message(e.getMessage())
                    .haltError();
            } catch (DkimKeyConflictException e) {
                throw ErrorResponder.builder()
                    .statusCode(HttpStatus.CONFLICT_409)
                    .type(ErrorResponder.ErrorType.WRONG_STATE)
                    .message(e.getMessage())
                    .haltError();
            }
        };
    }

    private static RuntimeException badRequest(String message) {
        return ErrorResponder.builder()
            .statusCode(HttpStatus.BAD_REQUEST_400)
            .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message(message)
            .haltError();
    }

    public record KeyRequest(List<String> algorithms, String privateKey, String selector) {
        @JsonCreator
        public KeyRequest(@JsonProperty("algorithms") List<String> algorithms, @JsonProperty("privateKey") String privateKey,
                          @JsonProperty("selector") String selector) {
            this.algorithms = algorithms;
            this.privateKey = privateKey;
            this.selector = selector;
        }
    }

    public record DnsCheckDto(String result, String detail, String checkedAt) {
    }

    public record KeyDto(String domain, String selector, String algorithm, String state, String origin, String created,
                         String activated, String retiring, String retired, String dnsName, DnsCheckDto dnsCheck) {
        static KeyDto from(DkimKey key) {
            return new KeyDto(key.domain(), key.selector(), key.algorithm().tag(), key.state().label(), key.origin(),
                key.created().toString(), text(key.activated()), text(key.retiring()), text(key.retired()), key.dnsName(),
                new DnsCheckDto(key.lastCheck().outcome().label(), key.lastCheck().detail(), text(key.lastCheck().checkedAt())));
        }

        private static String text(Optional<?> value) {
            return value.map(Object::toString).orElse(null);
        }
    }

    public record RecordDto(String name, String type, String value, List<String> strings, String selector, String algorithm,
                            String state, String action, String keepUntil) {
        static RecordDto from(PublishedRecord record) {
            return new RecordDto(record.name(), "TXT", record.value(), record.strings(), record.selector(), record.algorithm(),
                record.state().label(), record.action().label(), record.keepUntil().map(Object::toString).orElse(null));
        }
    }
}
