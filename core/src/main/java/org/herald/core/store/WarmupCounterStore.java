package org.herald.core.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;

import org.herald.core.warmup.DeliverySignals;

/**
 * Warmup's counters per identity × provider: recipients sent per UTC day (and clock hour, for hourly caps), taken
 * atomically against a limit so that two nodes sharing the store share one budget; the delivery signals in hourly
 * buckets; the recipients waiting for budget.
 *
 * <p>Failure policy: an unreachable store makes these methods throw a RuntimeException.
 */
public interface WarmupCounterStore {

    /**
     * Takes up to {@code wanted} recipients of the day's (and the hour's) budget at {@code at}: as many as fit under
     * {@code dailyLimit} and {@code hourlyLimit}, atomically, whatever other nodes take at the same time.
     *
     * @param dailyLimit empty: no limit (counted all the same)
     * @return how many were granted, 0 to {@code wanted}
     */
    long take(String identity, String provider, Instant at, long wanted, OptionalLong dailyLimit, OptionalLong hourlyLimit);

    /** Returns budget taken at {@code takenAt} that was not used (the relay could not be reached). */
    void giveBack(String identity, String provider, Instant takenAt, long count);

    long sentOn(String identity, String provider, LocalDate day);

    /** Counts recipients deferred for want of budget on {@code day} (for the status and metrics). */
    void addDeferred(String identity, String provider, LocalDate day, long count);

    long deferredOn(String identity, String provider, LocalDate day);

    /** Adds to the hourly signal bucket holding {@code at}. */
    void addSignals(String identity, String provider, Instant at, DeliverySignals signals);

    /** The signals of the buckets whose hour starts in [{@code from}, {@code to}). */
    DeliverySignals signals(String identity, String provider, Instant from, Instant to);

    /**
     * Forgets the signals of the buckets whose hour starts at or before {@code upTo}: an operator has dealt with their
     * cause, and the next attempt must not throttle again on them.
     */
    void forgetSignals(String identity, String provider, Instant upTo);

    /** Adds {@code delta} (negative when they leave) to the recipients waiting for budget. */
    void addWaiting(String identity, String provider, long delta);

    long waiting(String identity, String provider);

    /** The providers this identity has counters for, sorted. */
    List<String> providers(String identity);

    /** Deletes day counters and signal buckets older than {@code cutoff}; returns how many rows. */
    int deleteBefore(Instant cutoff);
}
