package org.herald.core.warmup.feedback;

import java.util.Objects;
import java.util.Optional;

/**
 * The one form in which Herald records and compares Message-IDs: {@code <left@right>}, angle brackets included (as
 * {@code MimeMessage.getMessageID()} returns it), without whitespace, comments or folding. The side that records the
 * Message-ID of each relayed mail and the side that reads it back from a DSN or complaint both pass it through
 * {@link #canonical}, so a bounce matches whatever the returning MTA did to the header's layout.
 *
 * <p>Case is kept: the left part of a Message-ID is case-sensitive and MTAs return it unchanged. A value without angle
 * brackets, as RFC 5965's own example has ({@code Message-ID: 8787KJKJ3K4J3K4J3K4J3.mail@example.net}), gets them.
 */
public final class MessageIds {
    private MessageIds() {
    }

    /**
     * The canonical form of a Message-ID header value; empty when there is none: blank, only a comment, or an opening
     * bracket never closed (a header cut short).
     */
    public static Optional<String> canonical(String headerValue) {
        Objects.requireNonNull(headerValue, "headerValue");
        String value = HeaderComments.remove(headerValue);
        int open = value.indexOf('<');
        String id;
        if (open >= 0) {
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                return Optional.empty();
            }
            id = removeWhitespace(value.substring(open + 1, close));
        } else {
            String[] words = value.strip().split("\\s+");
            id = words[0];
        }
        return id.isEmpty() ? Optional.empty() : Optional.of("<" + id + ">");
    }

    private static String removeWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
