package org.herald.core.relay;

import java.time.Duration;
import java.util.Objects;

/** How long Herald waits on a relay: to connect, and for each reply (including the one after the message data). */
public record RelayTimeouts(Duration connect, Duration command) {
    /** Postfix's defaults are 30 s to connect and 300 s for replies; RFC 5321 §4.5.3.2 asks for minutes, not seconds. */
    public static final RelayTimeouts DEFAULT = new RelayTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(5));

    public RelayTimeouts {
        Objects.requireNonNull(connect);
        Objects.requireNonNull(command);
    }
}
