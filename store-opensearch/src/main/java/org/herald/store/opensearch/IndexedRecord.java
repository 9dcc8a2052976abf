package org.herald.store.opensearch;

import java.util.ArrayList;
import java.util.List;

import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.DmarcResult;
import org.herald.core.dmarc.report.ReportRecord;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code <record>} of a stored report as a document of {@code <prefix>-records}: what the summaries add up. It
 * carries its report's domain, reporter and begin so that aggregations need no join.
 */
record IndexedRecord(
    @JsonProperty("report") String report,
    @JsonProperty("org_name") String orgName,
    @JsonProperty("policy_domain") String policyDomain,
    @JsonProperty("begin") String begin,
    @JsonProperty("source_ip") String sourceIp,
    @JsonProperty("count") long count,
    @JsonProperty("disposition") String disposition,
    @JsonProperty("dkim_aligned") boolean dkimAligned,
    @JsonProperty("spf_aligned") boolean spfAligned,
    @JsonProperty("dmarc_pass") boolean dmarcPass,
    @JsonProperty("header_from") String headerFrom) {

    /**
     * The records of a report with their document ids, {@code <report id>-<position>}: the same on every attempt, so
     * that writing them again replaces them instead of adding them twice.
     */
    static List<Identified> of(String reportId, AggregateReport report) {
        List<Identified> records = new ArrayList<>(report.records().size());
        int position = 0;
        for (ReportRecord record : report.records()) {
            var evaluated = record.row().policyEvaluated();
            boolean dkim = evaluated.dkim() == DmarcResult.PASS;
            boolean spf = evaluated.spf() == DmarcResult.PASS;
            records.add(new Identified(reportId + "-" + position++, new IndexedRecord(reportId, report.metadata().orgName(),
                report.policy().domain(), report.metadata().dateRange().begin().toString(),
                record.row().sourceIp().getHostAddress(), record.row().count(), evaluated.disposition().tag(), dkim, spf,
                dkim || spf, record.identifiers().headerFrom())));
        }
        return records;
    }

    record Identified(String id, IndexedRecord record) {
    }
}
