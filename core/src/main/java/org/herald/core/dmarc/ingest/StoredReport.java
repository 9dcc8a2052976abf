package org.herald.core.dmarc.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

import org.herald.core.dmarc.report.AggregateReport;

/** A received aggregate report as stored: its id in the store, who mailed it and when, and the report itself. */
public record StoredReport(String id, String receivedFrom, Instant receivedAt, AggregateReport report) {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    public StoredReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receivedFrom, "receivedFrom");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(report, "report");
    }

    /**
     * The id every store gives a report: derived from the reporter (org_name) and its report_id, the deduplication key,
     * so that a report keeps its id (and its /dmarc/reports/{id} address) whichever backend holds it.
     */
    public static String idOf(AggregateReport report) {
        return idOf(report.metadata().orgName(), report.metadata().reportId());
    }

    /** The id of the report {@code orgName} sent as {@code reportId}: a reporter's report found from its own names. */
    public static String idOf(String orgName, String reportId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((orgName + "\n" + reportId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    /** Whether {@code id} has the shape {@link #idOf} gives; anything else cannot name a stored report. */
    public static boolean isWellFormedId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
