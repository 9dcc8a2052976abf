package org.herald.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.herald.core.breaker.DependencyBreaker;
import org.herald.core.relay.MailStream;
import org.herald.core.relay.RelayRegistry;
import org.herald.core.relay.RelayRuntime;
import org.herald.core.relay.RelaysConfiguration;

import spark.Request;
import spark.Service;

/**
 * The relays of conf/relays.xml as they run: {@code GET /relays} (each relay's breaker, in-flight attempts, counts and
 * last error), {@code GET /relays/{name}}, {@code POST /relays/{name}/breaker?action=open|close} (maintenance: an
 * opened breaker stays open until closed here) and {@code GET /relays/routes} (streams, their chains and rules).
 */
public class RelaysRoutes implements Routes {
    public static final String BASE_PATH = "/relays";
    /** The queue name the SmarthostDelivery mailet uses by default for the default stream. */
    private static final String OUTGOING_QUEUE = "outgoing";

    private final RelayRegistry registry;
    private final JsonTransformer jsonTransformer;

    @Inject
    public RelaysRoutes(RelayRegistry registry, JsonTransformer jsonTransformer) {
        this.registry = registry;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> registry.all().stream().map(RelayDto::from).toList(), jsonTransformer);
        service.get(BASE_PATH + "/routes", (request, response) -> RoutesDto.from(registry.configuration()), jsonTransformer);
        service.get(BASE_PATH + "/:name", (request, response) -> RelayDto.from(relay(request)), jsonTransformer);
        service.post(BASE_PATH + "/:name/breaker", (request, response) -> {
            RelayRuntime relay = relay(request);
            String action = request.queryParams("action");
            if ("open".equals(action)) {
                relay.breaker().forceOpen();
            } else if ("close".equals(action)) {
                relay.breaker().close();
            } else {
                throw ErrorResponder.builder()
                    .statusCode(HttpStatus.BAD_REQUEST_400)
                    .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                    .message("action must be open or close, not " + (action == null ? "missing" : "'" + action + "'"))
                    .haltError();
            }
            return RelayDto.from(relay);
        }, jsonTransformer);
    }

    private RelayRuntime relay(Request request) {
        String name = request.params("name");
        return registry.relay(name).orElseThrow(() -> ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorResponder.ErrorType.NOT_FOUND)
            .message("no relay named '" + name + "' in conf/relays.xml; known: " + registry.all().stream().map(RelayRuntime::name).toList())
            .haltError());
    }

    public record BreakerDto(String state, String since, String reason) {
        static BreakerDto from(DependencyBreaker breaker) {
            return new BreakerDto(breaker.state().name(), breaker.since().toString(), breaker.reason());
        }
    }

    public record ErrorDto(String message, String at) {
    }

    public record RelayDto(String name, String stream, String host, int port, String tls, boolean authenticated, int maxConnections,
                           String sourceIdentity, BreakerDto breaker, int inFlight, long delivered, long deferred, long bounced,
                           ErrorDto lastError) {
        static RelayDto from(RelayRuntime runtime) {
            var relay = runtime.relay();
            var activity = runtime.activity();
            return new RelayDto(relay.name(), runtime.stream(), relay.endpoint().host(), relay.endpoint().port(),
                relay.endpoint().tls().name().toLowerCase(), relay.endpoint().credentials().isPresent(), relay.maxConnections(),
                relay.identity(), BreakerDto.from(runtime.breaker()), activity.inFlight(), activity.deliveredCount(),
                activity.deferredCount(), activity.bouncedCount(),
                activity.lastError().map(error -> new ErrorDto(error.message(), error.at().toString())).orElse(null));
        }
    }

    public record StreamDto(String name, boolean isDefault, String queue, List<String> relays, Map<String, List<String>> senderDomainRoutes) {
    }

    public record RuleDto(String condition, String stream) {
    }

    public record RoutesDto(String defaultStream, List<StreamDto> streams, List<RuleDto> rules) {
        static RoutesDto from(RelaysConfiguration configuration) {
            List<StreamDto> streams = configuration.streams().stream()
                .map(stream -> streamDto(configuration, stream))
                .toList();
            List<RuleDto> rules = configuration.rules().stream()
                .map(rule -> new RuleDto(rule.describe(), rule.picks()))
                .toList();
            return new RoutesDto(configuration.relaying() ? configuration.defaultStream() : null, streams, rules);
        }

        private static StreamDto streamDto(RelaysConfiguration configuration, MailStream stream) {
            return new StreamDto(stream.name(), stream.name().equals(configuration.defaultStream()),
                configuration.queueFor(stream.name(), OUTGOING_QUEUE), stream.relays(), new LinkedHashMap<>(stream.senderDomainRoutes()));
        }
    }
}
