package org.herald.webadmin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.herald.core.config.DurationText;
import org.herald.core.greylist.GreylistConfiguration;
import org.herald.core.greylist.GreylistGuard;
import org.herald.core.greylist.GreylistPolicy;
import org.herald.core.greylist.GreylistRequest;
import org.herald.core.greylist.TripletRelease;
import org.herald.core.greylist.WhitelistEntry;
import org.herald.core.greylist.WhitelistKind;
import org.herald.core.store.AutoWhitelistStore;
import org.herald.core.store.GreylistTripletStore;
import org.herald.core.store.GreylistWhitelistStore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Request;
import spark.Service;

/**
 * Greylisting over WebAdmin, thin over the stores and the guard:
 * <ul>
 *   <li>{@code GET /greylist}: settings, the breaker (state, since, why) and counts;</li>
 *   <li>{@code GET /greylist/whitelist}, {@code GET /greylist/whitelist/{networks|rdns-domains|senders|recipients}}:
 *       entries of conf/greylist.xml (source "conf") and those added here (source "webadmin"), and the
 *       auto-whitelisted networks;</li>
 *   <li>{@code PUT /greylist/whitelist/{kind}} with {@code {"value":"192.0.2.0/24"}}, and
 *       {@code DELETE /greylist/whitelist/{kind}?value=…};</li>
 *   <li>{@code DELETE /greylist/triplets?client=&sender=&recipient=}: the triplet's next retry passes (release a
 *       mail early).</li>
 * </ul>
 */
public class GreylistRoutes implements Routes {
    public static final String BASE_PATH = "/greylist";
    private static final String KIND = BASE_PATH + "/whitelist/:kind";

    private final GreylistConfiguration configuration;
    private final GreylistGuard guard;
    private final GreylistTripletStore triplets;
    private final GreylistWhitelistStore whitelist;
    private final AutoWhitelistStore autoWhitelist;
    private final TripletRelease release;
    private final GreylistPolicy policy;
    private final JsonTransformer jsonTransformer;
    private final ObjectMapper bodies = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    public GreylistRoutes(GreylistConfiguration configuration, GreylistGuard guard, GreylistTripletStore triplets,
                          GreylistWhitelistStore whitelist, AutoWhitelistStore autoWhitelist, TripletRelease release,
                          GreylistPolicy policy, JsonTransformer jsonTransformer) {
        this.policy = policy;
        this.configuration = configuration;
        this.guard = guard;
        this.triplets = triplets;
        this.whitelist = whitelist;
        this.autoWhitelist = autoWhitelist;
        this.release = release;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> status(), jsonTransformer);
        service.get(BASE_PATH + "/whitelist", (request, response) -> entries(null), jsonTransformer);
        service.get(KIND, (request, response) -> entries(kind(request)), jsonTransformer);
        service.put(KIND, (request, response) -> {
            WhitelistEntry entry = entry(kind(request), value(request));
            whitelist.add(entry);
            policy.whitelistChanged();
            response.status(HttpStatus.NO_CONTENT_204);
            return "";
        });
        service.delete(KIND, (request, response) -> {
            WhitelistEntry entry = entry(kind(request), required(request, "value"));
            if (configuration.whitelist().contains(entry)) {
                throw error(HttpStatus.CONFLICT_409, ErrorResponder.ErrorType.WRONG_STATE,
                    entry.value() + " is whitelisted by conf/greylist.xml: remove it there");
            }
            boolean removed = whitelist.remove(entry);
            policy.whitelistChanged();
            if (!removed) {
                throw error(HttpStatus.NOT_FOUND_404, ErrorResponder.ErrorType.NOT_FOUND,
                    entry.value() + " is not in the " + entry.kind().pathLabel() + " whitelist");
            }
            response.status(HttpStatus.NO_CONTENT_204);
            return "";
        });
        service.delete(BASE_PATH + "/triplets", (request, response) -> {
            InetAddress client = address(required(request, "client"));
            release.release(new GreylistRequest(client, required(request, "sender"), required(request, "recipient")));
            response.status(HttpStatus.NO_CONTENT_204);
            return "";
        });
    }

    private StatusDto status() {
        var breaker = guard.breaker();
        return new StatusDto(configuration.enabled(),
            new SettingsDto(DurationText.format(configuration.delay()), DurationText.format(configuration.retryWindow()),
                DurationText.format(configuration.recordLifetime()), configuration.ipv4Prefix(), configuration.ipv6Prefix(),
                configuration.autoWhitelistAfter(), configuration.decisionDeadline().toMillis(),
                DurationText.format(configuration.purgeInterval())),
            RelaysRoutes.BreakerDto.from(breaker),
            counts());
    }

    /** What the store holds; with the store down, the status still answers, saying so. */
    private CountsDto counts() {
        try {
            return new CountsDto(triplets.count(), autoWhitelist.all().stream()
                .filter(entry -> entry.isWhitelisted(configuration.autoWhitelistAfter())).count(),
                (long) (configuration.whitelist().size() + whitelist.all().size()), null);
        } catch (RuntimeException e) {
            return new CountsDto(null, null, null, "the greylist store cannot be read: " + e.getMessage());
        }
    }

    private List<EntryDto> entries(WhitelistKind kind) {
        List<EntryDto> entries = new ArrayList<>();
        configuration.whitelist().stream().filter(entry -> kind == null || entry.kind() == kind)
            .forEach(entry -> entries.add(new EntryDto(entry.kind().pathLabel(), entry.value(), "conf")));
        whitelist.all().stream().filter(entry -> kind == null || entry.kind() == kind)
            .forEach(entry -> entries.add(new EntryDto(entry.kind().pathLabel(), entry.value(), "webadmin")));
        if (kind == null || kind == WhitelistKind.NETWORK) {
            autoWhitelist.all().stream().filter(entry -> entry.isWhitelisted(configuration.autoWhitelistAfter()))
                .forEach(entry -> entries.add(new EntryDto(WhitelistKind.NETWORK.pathLabel(), entry.clientNetwork(),
                    "auto (" + entry.passes() + " mails passed)")));
        }
        return entries;
    }

    private static WhitelistKind kind(Request request) {
        String label = request.params("kind");
        return WhitelistKind.fromPathLabel(label).orElseThrow(() -> error(HttpStatus.NOT_FOUND_404,
            ErrorResponder.ErrorType.NOT_FOUND, "no whitelist '" + label + "': use networks, rdns-domains, senders or recipients"));
    }

    private String value(Request request) {
        try {
            ValueBody body = bodies.readValue(request.body(), ValueBody.class);
            if (body.value() == null || body.value().isBlank()) {
                throw new IllegalArgumentException("\"value\" is missing");
            }
            return body.value();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw badRequest("the body must be {\"value\":\"...\"}: " + reason);
        }
    }

    private static WhitelistEntry entry(WhitelistKind kind, String value) {
        try {
            return WhitelistEntry.parse(kind, value);
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    private static String required(Request request, String parameter) {
        String value = request.queryParams(parameter);
        if (value == null || value.isBlank()) {
            throw badRequest("the query parameter " + parameter + " is required");
        }
        return value;
    }

    private static InetAddress address(String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw badRequest("client \"" + text + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw badRequest("client \"" + text + "\" is not an IP address");
        }
    }

    private static RuntimeException badRequest(String message) {
        return error(HttpStatus.BAD_REQUEST_400, ErrorResponder.ErrorType.INVALID_ARGUMENT, message);
    }

    private static RuntimeException error(int status, ErrorResponder.ErrorType type, String message) {
        return ErrorResponder.builder().statusCode(status).type(type).message(message).haltError();
    }

    public record ValueBody(String value) {
        @JsonCreator
        public ValueBody(@JsonProperty("value") String value) {
            this.value = value;
        }
    }

    public record SettingsDto(String delay, String retryWindow, String recordLifetime, int ipv4Prefix, int ipv6Prefix,
                              int autoWhitelistAfter, long decisionDeadlineMillis, String purgeInterval) {
    }

    public record CountsDto(Long triplets, Long autoWhitelistedNetworks, Long whitelistEntries, String storeError) {
    }

    public record StatusDto(boolean enabled, SettingsDto settings, RelaysRoutes.BreakerDto breaker, CountsDto counts) {
    }

    public record EntryDto(String kind, String value, String source) {
    }
}
