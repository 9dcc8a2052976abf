package org.herald.core.warmup.feedback;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads header-style text, the syntax of message headers, of {@code message/delivery-status} (RFC 3464 §2.1) and of
 * {@code message/feedback-report} (RFC 5965 §3.1), into blocks of fields separated by blank lines.
 *
 * <p>Written for what mail servers actually send rather than for the grammar: CRLF, LF or a lone CR end a line; a line
 * holding only whitespace separates blocks like an empty one; a line starting with a space or tab continues the field
 * before it; whitespace before the colon is dropped (RFC 5322's obsolete syntax); a line that is neither a field nor a
 * continuation is skipped rather than failing the whole report. Bytes are read as UTF-8 (ASCII for RFC 3464, UTF-8 for
 * RFC 6533's {@code message/global-*} parts); invalid bytes become U+FFFD instead of failing.
 */
final class FieldBlocks {
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\n|\r");
    /** RFC 5322 field names: printable ASCII except the colon; no spaces. */
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

    private FieldBlocks() {
    }

    static List<FieldBlock> parse(byte[] content) {
        return parse(new String(content, StandardCharsets.UTF_8));
    }

    static List<FieldBlock> parse(String text) {
        return parse(text, false);
    }

    /**
     * The header of a message: the fields before the first blank line (none when the text starts with one), so a body
     * that happens to look like fields is never read as header.
     */
    static FieldBlock header(byte[] content) {
        List<FieldBlock> blocks = parse(new String(content, StandardCharsets.UTF_8), true);
        return blocks.isEmpty() ? new FieldBlock(List.of()) : blocks.get(0);
    }

    private static List<FieldBlock> parse(String text, boolean headerOnly) {
        List<FieldBlock> blocks = new ArrayList<>();
        List<ReportField> current = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : LINE_BREAK.split(text, -1)) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (line.isBlank()) {
                name = flush(current, name, value);
                if (headerOnly) {
                    break;
                }
                if (!current.isEmpty()) {
                    blocks.add(new FieldBlock(current));
                    current = new ArrayList<>();
                }
            } else if (continuation) {
                if (name != null) {
                    value.append(line);
                }
            } else {
                name = flush(current, name, value);
                int colon = line.indexOf(':');
                String candidate = colon > 0 ? line.substring(0, colon).strip() : "";
                if (FIELD_NAME.matcher(candidate).matches()) {
                    name = candidate;
                    value.append(line, colon + 1, line.length());
                }
            }
        }
        flush(current, name, value);
        if (!current.isEmpty()) {
            blocks.add(new FieldBlock(current));
        }
        return blocks;
    }

    private static String flush(List<ReportField> block, String name, StringBuilder value) {
        if (name != null) {
            block.add(new ReportField(name, value.toString().strip()));
        }
        value.setLength(0);
        return null;
    }
}
