package org.herald.core.greylist;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.store.GreylistTripletStore;

/**
 * The operator's "let this mail in now": the triplet is recorded as first seen one delay ago, so the sender's next
 * retry passes instead of waiting out the delay. Nothing else changes (whitelists, auto-whitelist counts).
 */
public final class TripletRelease {
    private final GreylistConfiguration configuration;
    private final GreylistTripletStore triplets;
    private final Clock clock;

    public TripletRelease(GreylistConfiguration configuration, GreylistTripletStore triplets, Clock clock) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.triplets = Objects.requireNonNull(triplets, "triplets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the triplet as Herald keys it (network, normalised sender and recipient) */
    public Triplet release(GreylistRequest request) {
        Triplet triplet = Triplet.of(request, configuration);
        Instant now = clock.instant();
        Instant due = now.minus(configuration.delay());
        GreylistRecord released = new GreylistRecord(triplet, due, now, Optional.empty(), 0);
        if (!triplets.insertFirstSight(released)) {
            GreylistRecord existing = triplets.find(triplet).orElse(released);
            if (!existing.hasPassed()) {
                triplets.update(new GreylistRecord(triplet, due, now, Optional.empty(), 0));
            }
        }
        return triplet;
    }
}
