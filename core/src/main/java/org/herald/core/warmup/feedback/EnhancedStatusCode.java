package org.herald.core.warmup.feedback;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced status code, {@code class.subject.detail}: {@code 5.1.1} (bad destination mailbox),
 * {@code 4.4.1} (no answer from host), {@code 5.1.10} (Microsoft's "recipient not found").
 *
 * @param statusClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject     0–999
 * @param detail      0–999
 */
public record EnhancedStatusCode(int statusClass, int subject, int detail) {
    /**
     * A code standing alone or inside text ({@code 550-5.1.1 The email account…}), not part of a longer dotted number
     * such as an IP address or a version.
     */
    private static final Pattern IN_TEXT = Pattern.compile("(?<![0-9.])([245])\\.([0-9]{1,3})\\.([0-9]{1,3})(?![0-9]|\\.[0-9])");
    /** An SMTP reply code at the start of a diagnostic text, followed by a space, a hyphen or the end. */
    private static final Pattern REPLY_CODE = Pattern.compile("([245])[0-9][0-9](?:[ -].*)?", Pattern.DOTALL);

    public EnhancedStatusCode {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("subject and detail must be 0-999: " + subject + "." + detail);
        }
    }

    /** The first enhanced status code in {@code text}: a Status field's value, or a diagnostic text. */
    public static Optional<EnhancedStatusCode> find(String text) {
        Objects.requireNonNull(text, "text");
        Matcher matcher = IN_TEXT.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatusCode(Integer.parseInt(matcher.group(1)),
            Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))));
    }

    /**
     * {@code X.0.0} for a text starting with a basic SMTP reply code {@code Xyz} ({@code 550 Mailbox unavailable} →
     * 5.0.0): RFC 3463 §3.1's "other undefined status" of that class, for servers that answer without an enhanced
     * code.
     */
    public static Optional<EnhancedStatusCode> fromReplyCode(String text) {
        Objects.requireNonNull(text, "text");
        Matcher matcher = REPLY_CODE.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatusCode(Integer.parseInt(matcher.group(1)), 0, 0));
    }

    /** Class 5: the receiving system will not accept this mail, however often it is retried. */
    public boolean isPermanentFailure() {
        return statusClass == 5;
    }

    /** Class 4: a temporary condition; the same mail might be accepted later. */
    public boolean isTransientFailure() {
        return statusClass == 4;
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
