package org.herald.core.dkim.keys;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TXT record as the operator must handle it in the zone: publish it (pending), keep it (active, retiring until the
 * overlap ends), or remove it (retired).
 *
 * @param strings the value cut into DNS character-strings of at most 255 characters, in order, to be entered as one
 *                record ({@code "..." "..."})
 * @param keepUntil for a retiring key, when its record may go
 */
public record PublishedRecord(String selector, String algorithm, SelectorState state, String name, String value,
                              List<String> strings, Action action, Optional<Instant> keepUntil) {
    public enum Action {
        PUBLISH, KEEP, REMOVE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public PublishedRecord {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        strings = List.copyOf(strings);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(keepUntil, "keepUntil");
    }
}
