package org.herald.core.greylist;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store knows of a triplet.
 *
 * @param firstSeen when the current greylisting of it began (reset when the retry window expired unretried)
 * @param lastSeen  when it was last asked about; records unseen for the record lifetime are purged
 * @param passed    when it first passed after the delay; from then on it passes at once
 * @param passCount how many recipients passed with it
 */
public record GreylistRecord(Triplet triplet, Instant firstSeen, Instant lastSeen, Optional<Instant> passed, int passCount) {
    public GreylistRecord {
        Objects.requireNonNull(triplet, "triplet");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(passed, "passed");
        if (passCount < 0) {
            throw new IllegalArgumentException("passCount must not be negative");
        }
        if (passed.isEmpty() && passCount > 0) {
            throw new IllegalArgumentException("a triplet that never passed has no passes");
        }
    }

    public static GreylistRecord firstSight(Triplet triplet, Instant now) {
        return new GreylistRecord(triplet, now, now, Optional.empty(), 0);
    }

    public boolean hasPassed() {
        return passed.isPresent();
    }

    /** The record after one more recipient passed at {@code now}. */
    public GreylistRecord passedAt(Instant now) {
        return new GreylistRecord(triplet, firstSeen, now, Optional.of(passed.orElse(now)), passCount + 1);
    }
}
