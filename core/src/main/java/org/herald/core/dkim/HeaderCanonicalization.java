package org.herald.core.dkim;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The two header canonicalizations of RFC 6376 §3.4.1 and §3.4.2. A bare LF counts as CRLF, as the SMTP transport
 * will send it; otherwise simple leaves the field as it is, and relaxed lower-cases the name, unfolds, turns every run
 * of spaces and tabs into one space and drops the whitespace around the colon and at the end.
 */
enum HeaderCanonicalization {
    SIMPLE("simple") {
        @Override
        void canonicalize(byte[] raw, int colon, ByteArrayOutputStream out) {
            for (int i = 0; i < raw.length; i++) {
                byte b = raw[i];
                if (b == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                    out.write('\r');
                }
                out.write(b);
            }
            if (raw.length == 0 || raw[raw.length - 1] != '\n') {
                out.write('\r');
                out.write('\n');
            }
        }
    },
    RELAXED("relaxed") {
        @Override
        void canonicalize(byte[] raw, int colon, ByteArrayOutputStream out) {
            int nameEnd = colon < 0 ? raw.length : colon;
            int nameLimit = nameEnd;
            while (nameLimit > 0 && (HeaderField.isWsp(raw[nameLimit - 1]) || raw[nameLimit - 1] == '\r' || raw[nameLimit - 1] == '\n')) {
                nameLimit--;
            }
            for (int i = 0; i < nameLimit; i++) {
                byte b = raw[i];
                out.write(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
            }
            out.write(':');
            boolean pendingSpace = false;
            boolean written = false;
            for (int i = colon < 0 ? raw.length : colon + 1; i < raw.length; i++) {
                byte b = raw[i];
                if (b == '\n' || b == '\r' && i + 1 < raw.length && raw[i + 1] == '\n') {
                    continue;
                }
                if (HeaderField.isWsp(b)) {
                    pendingSpace = written;
                    continue;
                }
                if (pendingSpace) {
                    out.write(' ');
                    pendingSpace = false;
                }
                out.write(b);
                written = true;
            }
            out.write('\r');
            out.write('\n');
        }
    };

    private final String tagValue;

    HeaderCanonicalization(String tagValue) {
        this.tagValue = tagValue;
    }

    abstract void canonicalize(byte[] raw, int colon, ByteArrayOutputStream out);

    /** The name used in c=. */
    String tagValue() {
        return tagValue;
    }

    /** The canonical form of a field as hashed when h= names it, with its final CRLF. */
    byte[] canonicalize(HeaderField field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(field.raw().length + 2);
        canonicalize(field.raw(), field.colon(), out);
        return out.toByteArray();
    }

    /**
     * The canonical form of the DKIM-Signature field being signed or verified, given with its b= value already
     * removed: hashed last and without its final CRLF (RFC 6376 §3.7).
     */
    byte[] canonicalizeSignatureField(byte[] rawWithoutB) {
        HeaderField field = HeaderField.of(rawWithoutB);
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawWithoutB.length + 2);
        canonicalize(field.raw(), field.colon(), out);
        byte[] canonical = out.toByteArray();
        int length = canonical.length - 2;
        byte[] result = new byte[length];
        System.arraycopy(canonical, 0, result, 0, length);
        return result;
    }

    static Optional<HeaderCanonicalization> fromTagValue(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (HeaderCanonicalization canonicalization : values()) {
            if (canonicalization.tagValue.equals(wanted)) {
                return Optional.of(canonicalization);
            }
        }
        return Optional.empty();
    }
}
