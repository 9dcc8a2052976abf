package org.herald.core.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One header field exactly as it appears in the message: its bytes from the first character of the name to the end
 * of its last line, folding and line break included. Kept as bytes because the simple canonicalization hashes them
 * unchanged, and because 8-bit header values must not pass through a charset.
 */
final class HeaderField {
    private final byte[] raw;
    private final int colon;
    private final String name;

    private HeaderField(byte[] raw, int colon, String name) {
        this.raw = raw;
        this.colon = colon;
        this.name = name;
    }

    /** A field from its raw bytes (with or without the final line break). */
    static HeaderField of(byte[] raw) {
        int colon = -1;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == ':') {
                colon = i;
                break;
            }
            if (raw[i] == '\r' || raw[i] == '\n') {
                break;
            }
        }
        int nameEnd = colon < 0 ? lineContentEnd(raw) : colon;
        while (nameEnd > 0 && isWsp(raw[nameEnd - 1])) {
            nameEnd--;
        }
        String name = new String(raw, 0, nameEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return new HeaderField(raw, colon, name);
    }

    /** The field name in lower case, without whitespace before the colon. */
    String name() {
        return name;
    }

    /** The raw bytes; callers must not change them. */
    byte[] raw() {
        return raw;
    }

    /** Offset of the colon ending the name; -1 for a line that has none (not a valid field, kept as it is). */
    int colon() {
        return colon;
    }

    /**
     * The value, from just after the colon to before the final line break, read byte for byte as ISO-8859-1 so that
     * offsets into it are offsets into the bytes.
     */
    String valueText() {
        int start = colon < 0 ? raw.length : colon + 1;
        int end = withoutFinalLineBreak();
        return new String(raw, start, Math.max(0, end - start), StandardCharsets.ISO_8859_1);
    }

    /** The field with its value replaced by {@code value} (ISO-8859-1, as from {@link #valueText}) and no final line break. */
    byte[] withValue(String value) {
        int start = colon < 0 ? raw.length : colon + 1;
        byte[] valueBytes = value.getBytes(StandardCharsets.ISO_8859_1);
        byte[] result = new byte[start + valueBytes.length];
        System.arraycopy(raw, 0, result, 0, start);
        System.arraycopy(valueBytes, 0, result, start, valueBytes.length);
        return result;
    }

    private int withoutFinalLineBreak() {
        int end = raw.length;
        if (end > 0 && raw[end - 1] == '\n') {
            end--;
            if (end > 0 && raw[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }

    private static int lineContentEnd(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\r' || raw[i] == '\n') {
                return i;
            }
        }
        return raw.length;
    }

    static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    @Override
    public String toString() {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }
}
