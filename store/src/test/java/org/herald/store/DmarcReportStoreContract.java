package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.herald.core.dmarc.DmarcEvaluationRow;
import org.herald.core.dmarc.ingest.DmarcSourceSummary;
import org.herald.core.dmarc.ingest.DmarcSummary;
import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.AggregateReportBuilder;
import org.herald.core.store.DmarcReportStore;
import org.junit.jupiter.api.Test;

/** What every {@link DmarcReportStore} backend must do; implemented once per backend with an empty store per test. */
public interface DmarcReportStoreContract {
    Instant DAY = DmarcEvaluationStoreContract.DAY;
    Instant NEXT_DAY = DmarcEvaluationStoreContract.NEXT_DAY;
    Instant RECEIVED = NEXT_DAY.plus(Duration.ofHours(3));

    DmarcReportStore reports();

    /** A report from {@code reporter} about example.com: 10 passing mails from 192.0.2.1, {@code spoofed} failing from 203.0.113.9. */
    static AggregateReport report(String reporter, String reportId, Instant day, long spoofed) {
        List<DmarcEvaluationRow> rows = List.of(
            DmarcEvaluationStoreContract.row(day, "example.com", "192.0.2.1", true).withCount(10),
            DmarcEvaluationStoreContract.row(day, "example.com", "203.0.113.9", false).withCount(spoofed));
        return new AggregateReportBuilder(reporter, "noreply-dmarc@" + reporter).build(rows, day, day.plus(Duration.ofDays(1)), reportId);
    }

    @Test
    default void aReportIsStoredOnceAndReadBack() {
        AggregateReport report = report("google.com", "r1", DAY, 3);

        String id = reports().save(report, "noreply-dmarc@google.com", RECEIVED).orElseThrow();

        assertThat(reports().save(report, "noreply-dmarc@google.com", RECEIVED)).as("the same report resent").isEmpty();
        var stored = reports().find(id).orElseThrow();
        assertThat(stored.report()).isEqualTo(report);
        assertThat(stored.receivedFrom()).isEqualTo("noreply-dmarc@google.com");
        assertThat(stored.receivedAt()).isEqualTo(RECEIVED);
        assertThat(reports().find("0".repeat(64))).isEmpty();
    }

    @Test
    default void theSummaryAddsUpReportsByReporterAndByDay() {
        reports().save(report("google.com", "g1", DAY, 3), "a@google.com", RECEIVED);
        reports().save(report("outlook.com", "m1", DAY, 1), "b@outlook.com", RECEIVED);
        reports().save(report("google.com", "g2", NEXT_DAY, 0 + 2), "a@google.com", RECEIVED);

        DmarcSummary summary = reports().summary("example.com", DAY, NEXT_DAY.plus(Duration.ofDays(1)));

        assertThat(summary.reports()).isEqualTo(3);
        assertThat(summary.messages()).isEqualTo(36);
        assertThat(summary.dmarcPass()).isEqualTo(30);
        assertThat(summary.dkimAligned()).isEqualTo(30);
        assertThat(summary.spfAligned()).isZero();
        assertThat(summary.byReporter()).containsExactly(new DmarcSummary.Slice("google.com", 25, 20),
            new DmarcSummary.Slice("outlook.com", 11, 10));
        assertThat(summary.byDay()).containsExactly(new DmarcSummary.Slice("2026-11-24", 24, 20),
            new DmarcSummary.Slice("2026-11-25", 12, 10));
        assertThat(reports().summary("example.com", DAY, NEXT_DAY).messages()).isEqualTo(24);
        assertThat(reports().summary("example.org", DAY, NEXT_DAY).messages()).isZero();
    }

    @Test
    default void sourcesShowWhoSendsInTheDomainsName() {
        reports().save(report("google.com", "g1", DAY, 30), "a@google.com", RECEIVED);

        List<DmarcSourceSummary> sources = reports().sources("example.com", DAY, NEXT_DAY, 10);

        assertThat(sources).extracting(DmarcSourceSummary::sourceIp).containsExactly("203.0.113.9", "192.0.2.1");
        assertThat(sources.get(0).dmarcFail()).isEqualTo(30);
        assertThat(sources.get(0).dmarcPass()).isZero();
        assertThat(sources.get(1).dmarcPass()).isEqualTo(10);
        assertThat(reports().sources("example.com", DAY, NEXT_DAY, 1)).hasSize(1);
    }

    @Test
    default void sourcesWithAsManyMessagesComeInAddressOrder() {
        reports().save(report("google.com", "g1", DAY, 10), "a@google.com", RECEIVED);

        assertThat(reports().sources("example.com", DAY, NEXT_DAY, 10)).extracting(DmarcSourceSummary::sourceIp)
            .containsExactly("192.0.2.1", "203.0.113.9");
        assertThat(reports().sources("example.com", DAY, NEXT_DAY, 1)).extracting(DmarcSourceSummary::sourceIp)
            .containsExactly("192.0.2.1");
    }

    @Test
    default void concurrentSavesOfOneReportStoreItOnce() throws Exception {
        AggregateReport report = report("google.com", "resent", DAY, 3);
        ExecutorService reporters = Executors.newFixedThreadPool(8);
        List<Optional<String>> results = new ArrayList<>();
        try {
            List<Future<Optional<String>>> saves = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Optional<String>> save = () -> reports().save(report, "noreply-dmarc@google.com", RECEIVED);
                saves.add(reporters.submit(save));
            }
            for (Future<Optional<String>> save : saves) {
                results.add(save.get());
            }
        } finally {
            reporters.shutdown();
        }

        assertThat(results.stream().filter(Optional::isPresent)).as("saves that stored it").hasSize(1);
        DmarcSummary summary = reports().summary("example.com", DAY, NEXT_DAY);
        assertThat(summary.reports()).isEqualTo(1);
        assertThat(summary.messages()).isEqualTo(13);
    }
}
