package org.herald.core.dkim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A message split into its header fields and the offset where its body starts, without decoding or rewriting
 * anything: DKIM hashes bytes, so the fields keep their folding and the body is never read as text. Lines may end
 * in CRLF or a bare LF (a message spooled with Unix line endings); both count as one line break, as the SMTP client
 * will send CRLF for either.
 */
final class RawMessage {
    private final byte[] bytes;
    private final List<HeaderField> headers;
    private final int bodyOffset;

    private RawMessage(byte[] bytes, List<HeaderField> headers, int bodyOffset) {
        this.bytes = bytes;
        this.headers = headers;
        this.bodyOffset = bodyOffset;
    }

    /**
     * Splits a message. The header section ends at the first empty line; a line starting with a space or tab continues
     * the field above it. A message without an empty line is all header and has an empty body.
     */
    static RawMessage split(byte[] message) {
        Objects.requireNonNull(message, "message");
        List<HeaderField> headers = new ArrayList<>();
        int position = 0;
        int length = message.length;
        while (position < length) {
            if (message[position] == '\n') {
                return new RawMessage(message, List.copyOf(headers), position + 1);
            }
            if (message[position] == '\r' && position + 1 < length && message[position + 1] == '\n') {
                return new RawMessage(message, List.copyOf(headers), position + 2);
            }
            int start = position;
            position = nextLine(message, position);
            while (position < length && HeaderField.isWsp(message[position])) {
                position = nextLine(message, position);
            }
            headers.add(HeaderField.of(Arrays.copyOfRange(message, start, position)));
        }
        return new RawMessage(message, List.copyOf(headers), length);
    }

    /** The offset just after the line break ending the line at {@code from}, or the end of the message. */
    private static int nextLine(byte[] message, int from) {
        for (int i = from; i < message.length; i++) {
            if (message[i] == '\n') {
                return i + 1;
            }
        }
        return message.length;
    }

    /** The whole message; callers must not change it. */
    byte[] bytes() {
        return bytes;
    }

    /** The header fields, top to bottom. */
    List<HeaderField> headers() {
        return headers;
    }

    /** Where the body starts: just after the empty line, or the message's length when there is no body. */
    int bodyOffset() {
        return bodyOffset;
    }
}
