package org.herald.core.relay;

import java.util.Objects;

/** The stream picked for a mail and why (which rule, or the default), for logs. */
public record StreamChoice(String stream, String reason) {
    public StreamChoice {
        Objects.requireNonNull(stream);
        Objects.requireNonNull(reason);
    }
}
