package org.herald.core.dkim;

import java.util.Locale;
import java.util.Optional;

/**
 * The two body canonicalizations of RFC 6376 §3.4.3 and §3.4.4, streamed line by line into a {@link ByteSink} so a
 * large body is never copied. A bare LF ends a line like CRLF does; a last line without a line break gets a CRLF,
 * which is what the receiver will see after SMTP transport. Empty lines at the end are dropped. The two differ on the
 * empty body: simple makes it one CRLF, relaxed leaves it empty (RFC 6376 §3.4.4, erratum 1384 left this as is).
 */
enum BodyCanonicalization {
    /** Lines unchanged. */
    SIMPLE("simple") {
        @Override
        void canonicalize(byte[] message, int offset, ByteSink sink) {
            int pendingEmptyLines = 0;
            boolean wroteLine = false;
            int position = offset;
            while (position < message.length) {
                int lineFeed = indexOfLineFeed(message, position);
                int contentEnd = contentEnd(message, position, lineFeed);
                if (contentEnd == position) {
                    pendingEmptyLines++;
                } else {
                    for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                        sink.write(CRLF);
                    }
                    sink.write(message, position, contentEnd - position);
                    sink.write(CRLF);
                    wroteLine = true;
                }
                position = lineFeed < 0 ? message.length : lineFeed + 1;
            }
            if (!wroteLine) {
                sink.write(CRLF);
            }
        }
    },
    /** Trailing whitespace dropped and whitespace runs made one space on each line. */
    RELAXED("relaxed") {
        @Override
        void canonicalize(byte[] message, int offset, ByteSink sink) {
            int pendingEmptyLines = 0;
            int position = offset;
            while (position < message.length) {
                int lineFeed = indexOfLineFeed(message, position);
                int end = contentEnd(message, position, lineFeed);
                while (end > position && HeaderField.isWsp(message[end - 1])) {
                    end--;
                }
                if (end == position) {
                    pendingEmptyLines++;
                } else {
                    for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                        sink.write(CRLF);
                    }
                    writeCollapsed(message, position, end, sink);
                    sink.write(CRLF);
                }
                position = lineFeed < 0 ? message.length : lineFeed + 1;
            }
        }

        /** Writes [start, end), which does not end in whitespace, with every whitespace run as one space. */
        private void writeCollapsed(byte[] message, int start, int end, ByteSink sink) {
            int runStart = start;
            int i = start;
            while (i < end) {
                if (HeaderField.isWsp(message[i])) {
                    sink.write(message, runStart, i - runStart);
                    sink.write(SPACE);
                    while (HeaderField.isWsp(message[i])) {
                        i++;
                    }
                    runStart = i;
                } else {
                    i++;
                }
            }
            sink.write(message, runStart, end - runStart);
        }
    };

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SPACE = {' '};

    private final String tagValue;

    BodyCanonicalization(String tagValue) {
        this.tagValue = tagValue;
    }

    /** Writes the canonical form of the body that starts at {@code offset} in {@code message}. */
    abstract void canonicalize(byte[] message, int offset, ByteSink sink);

    /** The name used in c=. */
    String tagValue() {
        return tagValue;
    }

    static Optional<BodyCanonicalization> fromTagValue(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (BodyCanonicalization canonicalization : values()) {
            if (canonicalization.tagValue.equals(wanted)) {
                return Optional.of(canonicalization);
            }
        }
        return Optional.empty();
    }

    private static int indexOfLineFeed(byte[] message, int from) {
        for (int i = from; i < message.length; i++) {
            if (message[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The end of the line's content: before its CRLF or LF, or the end of the message for an unterminated line. */
    private static int contentEnd(byte[] message, int start, int lineFeed) {
        if (lineFeed < 0) {
            return message.length;
        }
        return lineFeed > start && message[lineFeed - 1] == '\r' ? lineFeed - 1 : lineFeed;
    }
}
