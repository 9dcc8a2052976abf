package org.herald.core.dns;

import java.util.List;
import java.util.Objects;

/**
 * One TXT resource record as published: its character-strings in order. DNS caps each string at 255 bytes, so long
 * values (an RSA-2048 DKIM key) are published as several strings that readers join without separators (RFC 6376
 * §3.6.2.2). Keeping the strings apart lets Herald tell an operator that a record was split badly.
 */
public record TxtRecord(List<String> strings) {
    public TxtRecord {
        strings = List.copyOf(Objects.requireNonNull(strings, "strings"));
    }

    public static TxtRecord of(String... strings) {
        return new TxtRecord(List.of(strings));
    }

    /** The value as DKIM, SPF and DMARC read it: the strings concatenated. */
    public String joined() {
        return String.join("", strings);
    }
}
