package org.herald.core.relay;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one relay has done since start: attempts in flight, and mails it delivered, deferred and bounced (a mail
 * counts once per attempt at this relay, under the worst outcome of its recipients there), and its last error.
 */
public final class RelayActivity {
    public record LastError(String message, Instant at) { }

    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder deferred = new LongAdder();
    private final LongAdder bounced = new LongAdder();
    private final AtomicReference<LastError> lastError = new AtomicReference<>();

    void begin() {
        inFlight.incrementAndGet();
    }

    void end() {
        inFlight.decrementAndGet();
    }

    void delivered() {
        delivered.increment();
    }

    void deferred(String error, Instant at) {
        deferred.increment();
        lastError.set(new LastError(error, at));
    }

    void bounced(String error, Instant at) {
        bounced.increment();
        lastError.set(new LastError(error, at));
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long deliveredCount() {
        return delivered.sum();
    }

    public long deferredCount() {
        return deferred.sum();
    }

    public long bouncedCount() {
        return bounced.sum();
    }

    public Optional<LastError> lastError() {
        return Optional.ofNullable(lastError.get());
    }
}
