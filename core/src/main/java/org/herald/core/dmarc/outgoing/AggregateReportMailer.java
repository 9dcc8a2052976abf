package org.herald.core.dmarc.outgoing;

/**
 * Hands a report over for delivery through the normal outbound path (signed, relayed, retried like any other mail).
 * Implementations throw when the mail could not be handed over; nothing is half sent.
 */
public interface AggregateReportMailer {
    void mail(OutgoingReportDecision.Send report, OutgoingReportSettings settings);
}
