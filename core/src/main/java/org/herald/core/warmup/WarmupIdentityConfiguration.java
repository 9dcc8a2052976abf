package org.herald.core.warmup;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code <identity>} of conf/warmup.xml: a sending identity (a relay's name or its sourceIdentity in
 * conf/relays.xml) that warms up on {@code schedule} from {@code start} (UTC), or from its first mail when absent.
 * With {@code overflow}, recipients over its budget go through the next relays of the stream's chain (warm ones)
 * instead of waiting.
 */
public record WarmupIdentityConfiguration(String identity, String schedule, Optional<LocalDate> start, boolean overflow) {
    public WarmupIdentityConfiguration {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(start, "start");
    }

    public WarmupIdentityConfiguration(String identity, String schedule, Optional<LocalDate> start) {
        this(identity, schedule, start, false);
    }
}
