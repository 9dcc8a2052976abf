package org.herald.core.warmup.feedback;

import java.util.List;
import java.util.Optional;

/**
 * Fields between two blank lines: a message header, the per-message fields of a DSN, or one recipient's fields.
 * Field names are compared case-insensitively, as RFC 5322 and RFC 3464 want.
 */
record FieldBlock(List<ReportField> fields) {
    FieldBlock {
        fields = List.copyOf(fields);
    }

    /** The first value of {@code name}; a value that is empty after stripping counts as absent. */
    Optional<String> first(String name) {
        return fields.stream().filter(field -> field.is(name)).map(ReportField::value).filter(v -> !v.isEmpty())
            .findFirst();
    }

    /** Every non-empty value of {@code name}, in order. */
    List<String> all(String name) {
        return fields.stream().filter(field -> field.is(name)).map(ReportField::value).filter(v -> !v.isEmpty())
            .toList();
    }

    boolean has(String name) {
        return fields.stream().anyMatch(field -> field.is(name));
    }
}
