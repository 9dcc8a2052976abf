package org.herald.core.dkim.keys;

import java.util.Objects;

/** A selector changed state, or its DNS check changed outcome: one event each, for the log. */
public record DkimKeyEvent(DkimKey key, String what) {
    public DkimKeyEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(what, "what");
    }
}
