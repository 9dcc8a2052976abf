package org.herald.core.warmup.feedback;

/**
 * A mail at a bounce or feedback address that is not a usable delivery status notification or feedback report. The
 * message is the reason, written for the operator who finds the mail set aside: it names the part that is missing,
 * the field, or the limit that was hit.
 */
public final class InvalidFeedbackException extends RuntimeException {
    public InvalidFeedbackException(String reason) {
        super(reason);
    }

    public InvalidFeedbackException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The reason, as recorded with the mail that was set aside. */
    public String reason() {
        return getMessage();
    }
}
