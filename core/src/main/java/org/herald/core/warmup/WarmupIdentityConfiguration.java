package org.herald.core.warmup;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code <identity>} of conf/warmup.xml: a sending identity (a relay's name or its sourceIdentity in
 * conf/relays.xml) that warms up on {@code schedule} from {@code start} (UTC), or from its first mail when absent.
 */
public record WarmupIdentityConfiguration(String identity, String schedule, Optional<LocalDate> start) {
    public WarmupIdentityConfiguration {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(start, "start");
    }
}
