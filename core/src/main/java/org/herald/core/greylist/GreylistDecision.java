package org.herald.core.greylist;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer for one recipient: pass, or defer (the hook answers 451 4.7.1) with when a retry may pass.
 *
 * @param retryAfter present exactly when deferred: the time left until a retry passes
 * @param detail     for logs and the SMTP text, e.g. "192.0.2.0/24 alice@example.com -> bob@example.org first seen"
 */
public record GreylistDecision(boolean pass, GreylistReason reason, Optional<Duration> retryAfter, String detail) {
    public GreylistDecision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(detail, "detail");
        if (pass != reason.passes()) {
            throw new IllegalArgumentException(reason + " cannot " + (pass ? "pass" : "defer"));
        }
        if (pass == retryAfter.isPresent()) {
            throw new IllegalArgumentException("a deferral, and only a deferral, says when to retry");
        }
    }

    public static GreylistDecision pass(GreylistReason reason, String detail) {
        return new GreylistDecision(true, reason, Optional.empty(), detail);
    }

    public static GreylistDecision defer(GreylistReason reason, Duration retryAfter, String detail) {
        return new GreylistDecision(false, reason, Optional.of(retryAfter), detail);
    }

    public boolean deferred() {
        return !pass;
    }
}
