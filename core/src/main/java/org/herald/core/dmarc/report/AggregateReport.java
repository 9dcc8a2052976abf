package org.herald.core.dmarc.report;

import java.util.List;
import java.util.Objects;

/**
 * A DMARC aggregate ("rua") report as data: RFC 7489 Appendix C's {@code <feedback>}. Herald both writes these (about
 * the mail it received) and reads them (about the mail sent in its domains' names), so one model serves both.
 *
 * <p>A report with no records is allowed: it says "nothing seen", carries its report_id for deduplication and does no
 * harm. The writer still writes it, though Appendix C's schema wants at least one record; generators skip empty
 * periods instead.
 */
public record AggregateReport(ReportMetadata metadata, PolicyPublished policy, List<ReportRecord> records) {
    public AggregateReport {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(policy, "policy");
        records = List.copyOf(Objects.requireNonNull(records, "records"));
    }

    /** The number of messages the report covers: the sum of the rows' counts. */
    public long messageCount() {
        long total = 0;
        for (ReportRecord record : records) {
            total += record.row().count();
        }
        return total;
    }
}
