package org.herald.core.warmup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What GET /warmup shows of one identity: its place in the schedule and each provider's day. */
public record WarmupStatus(String identity, String schedule, int step, int steps, boolean warm, Instant startedAt,
                           Instant stepStartedAt, Instant healthySince, Optional<Instant> nextStepAt,
                           Optional<Instant> fullVolumeAt, boolean paused, Optional<String> held, List<Provider> providers) {

    /**
     * @param limit         today's limit in effect (cut when throttled); empty: no limit
     * @param scheduleLimit the step's limit before any cut
     */
    public record Provider(String provider, long sentToday, OptionalLong limit, OptionalLong scheduleLimit, long waiting,
                           long deferredToday, DeliverySignals window, Optional<ProviderThrottle> throttle) {
    }
}
