package org.herald.core.dmarc.outgoing;

/** Told of every logged outcome, for metrics and logs. */
public interface OutgoingReportObserver {
    OutgoingReportObserver NONE = entry -> { };

    void decided(OutgoingReportEntry entry);
}
