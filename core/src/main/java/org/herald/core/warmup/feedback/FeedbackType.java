package org.herald.core.warmup.feedback;

import java.util.Locale;

/**
 * The kind of a feedback report: RFC 5965 §7.3's registry (abuse, fraud, other, virus), RFC 6430's not-spam and
 * RFC 6591's auth-failure.
 *
 * <p>Which ones are complaints, the signal warmup throttles on above 0.1 %: {@link #ABUSE} (a recipient pressed
 * "this is spam", the complaint providers count) and {@link #FRAUD} (a recipient or the provider reported phishing or
 * fraud: at least as damaging, and providers act on it the same way). Not complaints: {@link #VIRUS} (the provider's
 * scanner found malware: a sign of a compromised sender for the operator, not a recipient's judgement, and not what
 * complaint rates count), {@link #AUTH_FAILURE} (a DKIM/SPF/DMARC failure report), {@link #NOT_SPAM} (the opposite of
 * a complaint) and {@link #OTHER}.
 */
public enum FeedbackType {
    ABUSE(true),
    FRAUD(true),
    VIRUS(false),
    NOT_SPAM(false),
    AUTH_FAILURE(false),
    /** {@code other}, and any type not registered: RFC 5965 §7.3 says to treat unknown types as {@code other}. */
    OTHER(false);

    private final boolean complaint;

    FeedbackType(boolean complaint) {
        this.complaint = complaint;
    }

    /** Whether a report of this type counts towards the complaint rate. */
    public boolean isComplaint() {
        return complaint;
    }

    /** The type of a {@code Feedback-Type} value, any case: its first word. */
    static FeedbackType of(String fieldValue) {
        String word = HeaderComments.remove(fieldValue).strip().split("[\\s;]", 2)[0].toLowerCase(Locale.ROOT);
        return switch (word) {
            case "abuse" -> ABUSE;
            case "fraud" -> FRAUD;
            case "virus" -> VIRUS;
            case "not-spam" -> NOT_SPAM;
            case "auth-failure" -> AUTH_FAILURE;
            default -> OTHER;
        };
    }
}
