package org.herald.core.relay;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.herald.core.breaker.DependencyBreaker;
import org.herald.core.outbound.RecipientResult;

/** A relay as it runs: its configuration, its circuit breaker and its activity. */
public final class RelayRuntime {
    private final Relay relay;
    private final String stream;
    private final DependencyBreaker breaker;
    private final RelayActivity activity = new RelayActivity();
    private final Clock clock;

    public RelayRuntime(Relay relay, String stream, DependencyBreaker breaker, Clock clock) {
        this.relay = Objects.requireNonNull(relay);
        this.stream = Objects.requireNonNull(stream);
        this.breaker = Objects.requireNonNull(breaker);
        this.clock = Objects.requireNonNull(clock);
    }

    public Relay relay() {
        return relay;
    }

    public String name() {
        return relay.name();
    }

    /** The stream this relay serves. */
    public String stream() {
        return stream;
    }

    public DependencyBreaker breaker() {
        return breaker;
    }

    public RelayActivity activity() {
        return activity;
    }

    /** Feeds one attempt's answer to the breaker and the counters. */
    void record(RelayAnswer answer) {
        List<RecipientResult> results = answer.results();
        RecipientResult worstFailure = null;
        boolean anyDefinitive = answer.relayResponded();
        boolean anyBounced = false;
        for (RecipientResult result : results) {
            switch (result.status()) {
                case DELIVERED -> anyDefinitive = true;
                case PERMANENT_FAILURE -> {
                    anyDefinitive = true;
                    anyBounced = true;
                    worstFailure = result;
                }
                case TEMPORARY_FAILURE -> {
                    if (worstFailure == null) {
                        worstFailure = result;
                    }
                }
            }
        }
        if (anyDefinitive) {
            breaker.recordSuccess();
        } else if (worstFailure != null) {
            breaker.recordFailure(worstFailure.reply());
        }
        if (worstFailure == null) {
            activity.delivered();
        } else if (anyBounced) {
            activity.bounced(worstFailure.reply(), clock.instant());
        } else {
            activity.deferred(worstFailure.reply(), clock.instant());
        }
    }
}
