package org.herald.core.warmup.feedback;

/**
 * Removes RFC 5322 comments, {@code (like this (nested))}, from a header value. Parentheses inside a quoted string or
 * inside angle brackets are not comments and stay; a comment never closed runs to the end of the value.
 */
final class HeaderComments {
    private HeaderComments() {
    }

    static String remove(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                continue;
            }
            if (c == '\\' && quoted && i + 1 < value.length()) {
                out.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle = true;
            } else if (!quoted && c == '>') {
                angle = false;
            } else if (!quoted && !angle && c == '(') {
                depth = 1;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
