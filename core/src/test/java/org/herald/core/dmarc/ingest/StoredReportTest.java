package org.herald.core.dmarc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcPolicy;
import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.DateRange;
import org.herald.core.dmarc.report.PolicyPublished;
import org.herald.core.dmarc.report.ReportMetadata;
import org.junit.jupiter.api.Test;

class StoredReportTest {
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");

    private static AggregateReport report(String reporter, String reportId, Instant day) {
        return new AggregateReport(new ReportMetadata(reporter, "noreply@" + reporter, Optional.empty(), reportId,
            new DateRange(day, day.plus(Duration.ofDays(1))), List.of()),
            new PolicyPublished("example.org", AlignmentMode.RELAXED, AlignmentMode.RELAXED, DmarcPolicy.REJECT, Optional.empty(),
                100, Optional.empty(), Optional.empty()), List.of());
    }

    @Test
    void theIdDependsOnTheReporterAndTheReportIdOnly() {
        String id = StoredReport.idOf(report("google.com", "r1", DAY));

        assertThat(id).isEqualTo(StoredReport.idOf(report("google.com", "r1", DAY.plus(Duration.ofDays(3)))))
            .isNotEqualTo(StoredReport.idOf(report("google.com", "r2", DAY)))
            .isNotEqualTo(StoredReport.idOf(report("outlook.com", "r1", DAY)))
            // The separator keeps ("a", "bc") and ("ab", "c") apart.
            .matches("[0-9a-f]{64}");
        assertThat(StoredReport.idOf(report("a.example", "bc", DAY))).isNotEqualTo(StoredReport.idOf(report("a.exampleb", "c", DAY)));
        assertThat(StoredReport.isWellFormedId(id)).isTrue();
    }

    @Test
    void onlyIdsOfThatShapeAreWellFormed() {
        assertThat(StoredReport.isWellFormedId("0".repeat(64))).isTrue();
        assertThat(StoredReport.isWellFormedId("0".repeat(63))).isFalse();
        assertThat(StoredReport.isWellFormedId("A".repeat(64))).isFalse();
        assertThat(StoredReport.isWellFormedId("../_search")).isFalse();
        assertThat(StoredReport.isWellFormedId(null)).isFalse();
    }
}
