package org.herald.core.dkim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which header fields Herald's signatures cover. Each listed field is signed as many times as it occurs, in message
 * order; the {@code oversigned} names are then listed once more, so that a field of that name added after signing
 * (a second From: to fool the reader) breaks the signature instead of riding along. "from" is always signed: RFC 6376
 * §5.4 requires it.
 *
 * @param headers    the field names to sign when present, lower case
 * @param oversigned the names listed once more than they occur, lower case, in the order they are appended
 */
public record SignedHeaderPolicy(List<String> headers, List<String> oversigned) {
    /** Field names: printable ASCII except the colon (RFC 5322 §3.6.8). */
    private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]+");

    /**
     * The fields a reader or a mailing-list tool relies on, which no relay has a reason to change: originator,
     * subject and threading, the MIME structure of the body, and the List-* fields of RFC 2369, 2919 and 8058.
     * Received, Return-Path and the like are left out: they change in transit.
     */
    public static final SignedHeaderPolicy DEFAULT = new SignedHeaderPolicy(List.of("from", "sender", "reply-to", "subject",
        "date", "message-id", "to", "cc", "mime-version", "content-type", "content-transfer-encoding", "content-id",
        "content-description", "in-reply-to", "references", "list-id", "list-help", "list-unsubscribe",
        "list-unsubscribe-post", "list-subscribe", "list-post", "list-owner", "list-archive"), List.of("from"));

    public SignedHeaderPolicy {
        headers = normalize(headers, "headers");
        oversigned = normalize(oversigned, "oversigned");
        if (!headers.contains("from")) {
            throw new IllegalArgumentException("signed headers must include from (RFC 6376 §5.4)");
        }
    }

    /** The h= list for a message: each listed field once per occurrence, top to bottom, then the over-signed names. */
    List<String> signedHeaders(List<HeaderField> fields) {
        Set<String> wanted = Set.copyOf(headers);
        List<String> names = new ArrayList<>();
        for (HeaderField field : fields) {
            if (wanted.contains(field.name())) {
                names.add(field.name());
            }
        }
        names.addAll(oversigned);
        if (!names.contains("from")) {
            names.add("from");
        }
        return List.copyOf(names);
    }

    private static List<String> normalize(List<String> names, String what) {
        Objects.requireNonNull(names, what);
        Set<String> normalized = new LinkedHashSet<>();
        for (String name : names) {
            String lower = Objects.requireNonNull(name, what + " contains null").strip().toLowerCase(Locale.ROOT);
            if (!FIELD_NAME.matcher(lower).matches()) {
                throw new IllegalArgumentException("\"" + name + "\" in " + what + " is not a header field name");
            }
            normalized.add(lower);
        }
        return List.copyOf(normalized);
    }
}
