package org.herald.core.dkim;

/**
 * Writes a header field folded at a line width: tokens go on the current line while they fit, else on a new line
 * starting with a tab. A fold replaces the space before a token, so relaxed canonicalization, which turns the fold
 * into one space, reads the same field; base64 values are cut anywhere, as FWS is allowed inside them.
 */
final class HeaderFolder {
    private static final String FOLD = "\r\n\t";

    private final StringBuilder text = new StringBuilder(512);
    private final int width;
    private int lineLength;

    HeaderFolder(int width) {
        this.width = width;
    }

    /** Adds a token, after a space (or a fold) when {@code spaceBefore}, else directly or after a fold. */
    HeaderFolder token(String token, boolean spaceBefore) {
        int needed = token.length() + (spaceBefore ? 1 : 0);
        if (lineLength > 1 && lineLength + needed > width) {
            fold();
        } else if (spaceBefore) {
            text.append(' ');
            lineLength++;
        }
        text.append(token);
        lineLength += token.length();
        return this;
    }

    /**
     * Adds a value that may be cut anywhere, filling the current line and continuing on as many lines as needed; it
     * starts on a new line when fewer than {@code minimumStart} characters would fit on the current one.
     */
    HeaderFolder breakable(String value, int minimumStart) {
        if (width - lineLength < Math.min(minimumStart, value.length())) {
            fold();
        }
        int i = 0;
        while (i < value.length()) {
            int room = width - lineLength;
            if (room <= 0) {
                fold();
                room = width - lineLength;
            }
            int count = Math.min(room, value.length() - i);
            text.append(value, i, i + count);
            lineLength += count;
            i += count;
        }
        return this;
    }

    private void fold() {
        text.append(FOLD);
        lineLength = 1;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
