package org.herald.store.opensearch;

import java.time.Instant;

import org.herald.core.dmarc.report.AggregateReport;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A received report as a document of {@code <prefix>-reports}, id {@link org.herald.core.dmarc.ingest.StoredReport#idOf}.
 * The report itself is kept whole as RFC 7489 XML (Herald's own writer, read back by its parser, as the JDBC store
 * does), so that reading it back gives an equal {@link AggregateReport}; the other fields are there to search on.
 *
 * @param recordsIndexed whether all its records are in {@code <prefix>-records}: false from the report's creation
 *                       until they are, so that a save interrupted between the two is finished later rather than lost
 */
record IndexedReport(
    @JsonProperty("org_name") String orgName,
    @JsonProperty("report_id") String reportId,
    @JsonProperty("email") String email,
    @JsonProperty("policy_domain") String policyDomain,
    @JsonProperty("begin") String begin,
    @JsonProperty("end") String end,
    @JsonProperty("received_at") String receivedAt,
    @JsonProperty("received_from") String receivedFrom,
    @JsonProperty("messages") long messages,
    @JsonProperty("record_count") int recordCount,
    @JsonProperty("records_indexed") boolean recordsIndexed,
    @JsonProperty("report_xml") String reportXml) {

    static final String RECORDS_INDEXED = "records_indexed";

    static IndexedReport of(AggregateReport report, String xml, String receivedFrom, Instant receivedAt) {
        return new IndexedReport(report.metadata().orgName(), report.metadata().reportId(), report.metadata().email(),
            report.policy().domain(), report.metadata().dateRange().begin().toString(),
            report.metadata().dateRange().end().toString(), receivedAt.toString(), receivedFrom, report.messageCount(),
            report.records().size(), false, xml);
    }
}
