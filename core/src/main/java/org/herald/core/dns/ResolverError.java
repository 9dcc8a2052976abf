package org.herald.core.dns;

import java.time.Instant;
import java.util.Objects;

/** A resolver's last failure as an operator reads it: {@code no answer within 3s}, {@code answered SERVFAIL}. */
public record ResolverError(String message, Instant at) {
    public ResolverError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
