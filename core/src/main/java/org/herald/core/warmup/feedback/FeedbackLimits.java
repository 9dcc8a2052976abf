package org.herald.core.warmup.feedback;

/**
 * How much of a bounce or feedback mail Herald reads before giving up on it. Parsing stops as soon as the report part
 * and the original message's header are in hand, so a DSN returning a 30 MB message costs only its first few
 * kilobytes; the limits bound what a malformed or hostile mail can cost.
 *
 * @param maxMailBytes           bytes read from the mail before the report part is found (beyond it, the mail is
 *                               refused; once the report part is found, reading just stops)
 * @param maxReportPartBytes     the decoded {@code message/delivery-status} or {@code message/feedback-report} part
 * @param maxOriginalHeaderBytes the original message's header read from the returned message or header part; a longer
 *                               header is cut there and what was read is used
 * @param maxParts               MIME parts (body parts at any depth) before the report part is found
 * @param maxNesting             multiparts nested in one another
 */
public record FeedbackLimits(long maxMailBytes, int maxReportPartBytes, int maxOriginalHeaderBytes, int maxParts,
                             int maxNesting) {
    private static final int KB = 1024;

    /**
     * 10 MB of mail, 1 MB of report fields (thousands of recipients), 256 KB of original header, 100 parts, 10 levels
     * of nesting: an order of magnitude above the largest real DSNs and feedback reports.
     */
    public static final FeedbackLimits DEFAULTS = new FeedbackLimits(10L * KB * KB, KB * KB, 256 * KB, 100, 10);

    public FeedbackLimits {
        if (maxMailBytes < 1 || maxReportPartBytes < 1 || maxOriginalHeaderBytes < 1 || maxParts < 1
            || maxNesting < 1) {
            throw new IllegalArgumentException("feedback limits must be positive: " + maxMailBytes + " mail bytes, "
                + maxReportPartBytes + " report bytes, " + maxOriginalHeaderBytes + " header bytes, " + maxParts
                + " parts, " + maxNesting + " nesting levels");
        }
    }
}
