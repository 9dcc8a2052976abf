package org.herald.core.dmarc.report;

/**
 * An incoming DMARC report (or its attachment) that Herald cannot use. The message is the reason, written for the
 * operator who finds the mail in the {@code dmarc-rejected} repository: it names the element, the record number or the
 * limit that was hit, never only a parser stack trace.
 */
public final class InvalidReportException extends RuntimeException {
    public InvalidReportException(String reason) {
        super(reason);
    }

    public InvalidReportException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The reason, as stored with a rejected report. */
    public String reason() {
        return getMessage();
    }
}
