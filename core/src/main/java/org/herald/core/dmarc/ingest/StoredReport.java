package org.herald.core.dmarc.ingest;

import java.time.Instant;
import java.util.Objects;

import org.herald.core.dmarc.report.AggregateReport;

/** A received aggregate report as stored: its id in the store, who mailed it and when, and the report itself. */
public record StoredReport(String id, String receivedFrom, Instant receivedAt, AggregateReport report) {
    public StoredReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receivedFrom, "receivedFrom");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(report, "report");
    }
}
