package org.herald.webadmin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.herald.core.warmup.ProviderThrottle;
import org.herald.core.warmup.WarmupService;
import org.herald.core.warmup.WarmupStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Request;
import spark.Service;

/**
 * IP warmup, thin over {@link WarmupService}:
 * <ul>
 *   <li>{@code GET /warmup}: every warming identity — schedule, step, when the next step and full volume come, held
 *       and why — and per provider today's sent and limit, recipients waiting, the signals of the window (bounce and
 *       complaint rates) and any throttle with its reason;</li>
 *   <li>{@code GET /warmup/identities/{id}}: one of them;</li>
 *   <li>{@code PUT /warmup/identities/{id}} {@code {"schedule":"standard","start":"2026-11-24"}}: (re)starts an identity
 *       on a schedule of conf/warmup.xml from that UTC day (default today);</li>
 *   <li>{@code POST /warmup/identities/{id}/pause}, {@code /resume}: holds it at its step, or lets it move on;</li>
 *   <li>{@code POST /warmup/identities/{id}/reset-throttle}: ends its throttles and forgets the signals that caused them (the step's healthy time restarts).</li>
 * </ul>
 */
public class WarmupRoutes implements Routes {
    public static final String BASE_PATH = "/warmup";

    private final WarmupService warmup;
    private final JsonTransformer jsonTransformer;
    private final ObjectMapper requests = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    public WarmupRoutes(WarmupService warmup, JsonTransformer jsonTransformer) {
        this.warmup = warmup;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> warmup.status().stream().map(IdentityView::of).toList(), jsonTransformer);
        service.get(BASE_PATH + "/identities/:id", (request, response) ->
            IdentityView.of(found(request, warmup::status)), jsonTransformer);
        service.put(BASE_PATH + "/identities/:id", (request, response) -> {
            StartRequest start = startRequest(request.body());
            LocalDate day = parseDay(start.start());
            try {
                return IdentityView.of(warmup.configure(request.params("id"), Optional.ofNullable(start.schedule()).orElse("standard"),
                    day.atStartOfDay(ZoneOffset.UTC).toInstant()));
            } catch (IllegalArgumentException e) {
                throw HttpErrors.badRequest(e.getMessage());
            }
        }, jsonTransformer);
        service.post(BASE_PATH + "/identities/:id/pause", (request, response) -> IdentityView.of(found(request, warmup::pause)),
            jsonTransformer);
        service.post(BASE_PATH + "/identities/:id/resume", (request, response) -> IdentityView.of(found(request, warmup::resume)),
            jsonTransformer);
        service.post(BASE_PATH + "/identities/:id/reset-throttle", (request, response) ->
            IdentityView.of(found(request, warmup::resetThrottle)), jsonTransformer);
    }

    private static WarmupStatus found(Request request, Function<String, Optional<WarmupStatus>> action) {
        String id = request.params("id");
        return action.apply(id).orElseThrow(() -> HttpErrors.notFound("no warming identity " + id
            + ": list it in conf/warmup.xml or start it with PUT /warmup/identities/" + id));
    }

    /** The body of PUT /warmup/identities/{id}; both fields optional. */
    public record StartRequest(String schedule, String start) {
    }

    private StartRequest startRequest(String body) {
        if (body == null || body.isBlank()) {
            return new StartRequest(null, null);
        }
        try {
            return requests.readValue(body, StartRequest.class);
        } catch (JsonProcessingException e) {
            throw HttpErrors.badRequest("the body is not {\"schedule\":\"standard\",\"start\":\"2026-11-24\"}: " + e.getOriginalMessage());
        }
    }

    private static LocalDate parseDay(String start) {
        if (start == null) {
            return LocalDate.now(ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(start);
        } catch (DateTimeParseException e) {
            throw HttpErrors.badRequest("start \"" + start + "\" is not a date like 2026-11-24");
        }
    }

    /** An identity as JSON: strings and numbers only, whatever Jackson modules WebAdmin has. */
    public record IdentityView(String identity, String schedule, int step, int steps, boolean warm, String startedAt,
                               String stepStartedAt, String nextStepAt, String fullVolumeAt, boolean paused, String held,
                               List<ProviderView> providers) {
        static IdentityView of(WarmupStatus status) {
            return new IdentityView(status.identity(), status.schedule(), status.step(), status.steps(), status.warm(),
                status.startedAt().toString(), status.stepStartedAt().toString(), text(status.nextStepAt()),
                text(status.fullVolumeAt()), status.paused(), status.held().orElse(null),
                status.providers().stream().map(ProviderView::of).toList());
        }
    }

    /** @param limit today's limit in effect, null for none */
    public record ProviderView(String provider, long sentToday, Long limit, Long scheduleLimit, long waiting, long deferredToday,
                               long windowAttempts, long windowHardBounces, long windowComplaints, double bounceRatePercent,
                               double complaintRatePercent, boolean throttled, String throttleReason, String throttledSince) {
        static ProviderView of(WarmupStatus.Provider provider) {
            Optional<ProviderThrottle> throttle = provider.throttle();
            return new ProviderView(provider.provider(), provider.sentToday(), number(provider.limit()), number(provider.scheduleLimit()),
                provider.waiting(), provider.deferredToday(), provider.window().attempts(), provider.window().hardBounces(),
                provider.window().complaints(), provider.window().bounceRate() * 100, provider.window().complaintRate() * 100,
                throttle.isPresent(), throttle.map(ProviderThrottle::reason).orElse(null),
                throttle.map(ProviderThrottle::since).map(Instant::toString).orElse(null));
        }
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }

    private static Long number(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
