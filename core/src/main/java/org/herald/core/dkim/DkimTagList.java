package org.herald.core.dkim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tag=value list (RFC 6376 §3.2), the syntax shared by the DKIM-Signature header field and the key record (and by
 * DMARC records). Tags are separated by ';', a trailing ';' is allowed, whitespace and folding (CRLF followed by
 * whitespace) around names, '=' and values is ignored, names are case-sensitive, and a tag given twice makes the
 * whole list invalid. Each tag remembers where its value sits in the parsed text, because a verifier has to hash the
 * DKIM-Signature field with the b= value cut out and everything else byte for byte as received.
 */
public final class DkimTagList {

    /**
     * One tag.
     *
     * @param name       the tag name, as written (names are case-sensitive)
     * @param value      the value without surrounding whitespace; inner whitespace (folding in b=) is kept
     * @param equalsEnd  offset in the parsed text just after the '='
     * @param valueStart offset of the value's first character (equals {@code valueEnd} for an empty value)
     * @param valueEnd   offset just after the value's last character
     */
    public record Tag(String name, String value, int equalsEnd, int valueStart, int valueEnd) {
        public Tag {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** The value with all whitespace removed, as base64 values (b=, bh=, p=) are read. */
        public String compactValue() {
            return removeWhitespace(value);
        }
    }

    private final String text;
    private final Map<String, Tag> tags;

    private DkimTagList(String text, Map<String, Tag> tags) {
        this.text = text;
        this.tags = tags;
    }

    /** Parses a tag list; throws {@link DkimSyntaxException} naming the offending tag when the syntax is broken. */
    public static DkimTagList parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, Tag> tags = new LinkedHashMap<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(';', start);
            if (end < 0) {
                end = text.length();
            }
            if (!isBlank(text, start, end)) {
                Tag tag = parseTag(text, start, end);
                if (tags.putIfAbsent(tag.name(), tag) != null) {
                    throw new DkimSyntaxException("duplicate tag " + tag.name() + "=");
                }
            }
            start = end + 1;
        }
        return new DkimTagList(text, tags);
    }

    private static Tag parseTag(String text, int start, int end) {
        int equals = text.indexOf('=', start);
        if (equals < 0 || equals >= end) {
            throw new DkimSyntaxException("tag without '=': \"" + shorten(text.substring(start, end).strip()) + "\"");
        }
        int nameStart = skipWhitespace(text, start, equals);
        int nameEnd = trimWhitespace(text, nameStart, equals);
        String name = text.substring(nameStart, nameEnd);
        if (!isTagName(name)) {
            throw new DkimSyntaxException("invalid tag name \"" + shorten(name) + "\"");
        }
        int valueStart = skipWhitespace(text, equals + 1, end);
        int valueEnd = trimWhitespace(text, valueStart, end);
        return new Tag(name, text.substring(valueStart, valueEnd), equals + 1, valueStart, valueEnd);
    }

    /** The text this list was parsed from. */
    public String text() {
        return text;
    }

    /** The tags in the order written. */
    public List<Tag> tags() {
        return new ArrayList<>(tags.values());
    }

    public boolean has(String name) {
        return tags.containsKey(name);
    }

    public Optional<Tag> tag(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    /** A tag's value without surrounding whitespace. */
    public Optional<String> get(String name) {
        return tag(name).map(Tag::value);
    }

    /** The parsed text with the value of {@code name} (and the whitespace before it) removed; the text itself when the tag is absent. */
    public String withoutValue(String name) {
        Tag tag = tags.get(name);
        if (tag == null) {
            return text;
        }
        return text.substring(0, tag.equalsEnd()) + text.substring(tag.valueEnd());
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    static String removeWhitespace(String value) {
        StringBuilder compact = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isWhitespace(c)) {
                compact.append(c);
            }
        }
        return compact.toString();
    }

    private static boolean isTagName(String name) {
        if (name.isEmpty() || !isAlpha(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isBlank(String text, int start, int end) {
        return skipWhitespace(text, start, end) == end;
    }

    private static int skipWhitespace(String text, int from, int end) {
        int i = from;
        while (i < end && isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimWhitespace(String text, int start, int end) {
        int i = end;
        while (i > start && isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    @Override
    public String toString() {
        return text;
    }
}
