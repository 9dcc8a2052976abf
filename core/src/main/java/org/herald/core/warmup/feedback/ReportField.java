package org.herald.core.warmup.feedback;

/**
 * One {@code Name: value} field of a report part or of the original message's header, unfolded.
 *
 * @param name  as written (compare with {@link #is})
 * @param value unfolded (line breaks removed, the folding whitespace kept) and stripped at both ends
 */
record ReportField(String name, String value) {
    boolean is(String fieldName) {
        return name.equalsIgnoreCase(fieldName);
    }
}
