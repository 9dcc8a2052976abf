package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.herald.core.dkim.DkimResult;
import org.herald.core.dmarc.AlignmentMode;
import org.herald.core.dmarc.DmarcEvaluationRow;
import org.herald.core.dmarc.DmarcOverrideReason;
import org.herald.core.dmarc.DmarcOverrideType;
import org.herald.core.dmarc.DmarcPolicy;
import org.herald.core.dmarc.DmarcPublishedPolicy;
import org.herald.core.dmarc.DmarcReportUri;
import org.herald.core.spf.SpfResult;
import org.herald.core.store.DmarcEvaluationStore;
import org.junit.jupiter.api.Test;

/** What every {@link DmarcEvaluationStore} backend must do; implemented once per backend with an empty store per test. */
public interface DmarcEvaluationStoreContract {
    Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
    Instant NEXT_DAY = DAY.plus(Duration.ofDays(1));

    DmarcEvaluationStore rows();

    static DmarcPublishedPolicy policy(String domain) {
        return new DmarcPublishedPolicy(domain, AlignmentMode.RELAXED, AlignmentMode.STRICT, DmarcPolicy.REJECT,
            Optional.of(DmarcPolicy.QUARANTINE), Optional.empty(), 50, "1",
            List.of(new DmarcReportUri(URI.create("mailto:dmarc@" + domain), Optional.of(10_485_760L))));
    }

    static DmarcEvaluationRow row(Instant day, String domain, String sourceIp, boolean pass) {
        return new DmarcEvaluationRow(day, sourceIp, domain, "bounce." + domain, Optional.of("herald.test"), policy(domain),
            pass ? DmarcPolicy.NONE : DmarcPolicy.REJECT, pass, false,
            pass ? List.of() : List.of(new DmarcOverrideReason(DmarcOverrideType.SAMPLED_OUT, "pct=50 | with a bar")),
            List.of(new DmarcEvaluationRow.DkimAuth(domain, "h202611e", pass ? DkimResult.PASS : DkimResult.FAIL)),
            Optional.of(new DmarcEvaluationRow.SpfAuth("bounce." + domain, DmarcEvaluationRow.SpfScope.MFROM, SpfResult.SOFTFAIL)),
            1);
    }

    @Test
    default void aRowReadsBackExactlyAsWritten() {
        DmarcEvaluationRow row = row(DAY, "example.com", "2001:db8::1", false);

        rows().record(row);

        assertThat(rows().forPolicyDomainAndPeriod("example.com", DAY, NEXT_DAY)).containsExactly(row);
    }

    @Test
    default void identicalEvaluationsAddUpAndDifferentOnesStayApart() {
        rows().record(row(DAY, "example.com", "192.0.2.1", true));
        rows().record(row(DAY, "example.com", "192.0.2.1", true));
        rows().record(row(DAY, "example.com", "192.0.2.1", true).withCount(5));
        rows().record(row(DAY, "example.com", "192.0.2.1", false));
        rows().record(row(DAY, "example.com", "192.0.2.2", true));

        List<DmarcEvaluationRow> stored = rows().forPolicyDomainAndPeriod("example.com", DAY, NEXT_DAY);

        assertThat(stored).hasSize(3);
        assertThat(stored).filteredOn(r -> r.sourceIp().equals("192.0.2.1") && r.dkimAligned())
            .singleElement().extracting(DmarcEvaluationRow::count).isEqualTo(7L);
        assertThat(stored.stream().mapToLong(DmarcEvaluationRow::count).sum()).isEqualTo(9);
    }

    @Test
    default void rowsAreReadPerPolicyDomainAndPeriod() {
        rows().record(row(DAY, "example.com", "192.0.2.1", true));
        rows().record(row(NEXT_DAY, "example.com", "192.0.2.1", true));
        rows().record(row(DAY, "example.org", "192.0.2.1", true));

        assertThat(rows().forPolicyDomainAndPeriod("example.com", DAY, NEXT_DAY)).singleElement()
            .extracting(DmarcEvaluationRow::periodStart).isEqualTo(DAY);
        assertThat(rows().policyDomainsWithRows(DAY, NEXT_DAY)).containsExactly("example.com", "example.org");
        assertThat(rows().policyDomainsWithRows(NEXT_DAY, NEXT_DAY.plus(Duration.ofDays(1)))).containsExactly("example.com");
        assertThat(rows().forPolicyDomainAndPeriod("nowhere.example", DAY, NEXT_DAY)).isEmpty();
    }

    @Test
    default void oldRowsAreDeleted() {
        rows().record(row(DAY, "example.com", "192.0.2.1", true));
        rows().record(row(NEXT_DAY, "example.com", "192.0.2.1", true));

        assertThat(rows().deleteBefore(NEXT_DAY)).isEqualTo(1);
        assertThat(rows().policyDomainsWithRows(DAY, NEXT_DAY)).isEmpty();
        assertThat(rows().policyDomainsWithRows(NEXT_DAY, NEXT_DAY.plus(Duration.ofDays(1)))).containsExactly("example.com");
    }

    @Test
    default void concurrentSessionsLoseNoCount() throws Exception {
        ExecutorService sessions = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                done.add(sessions.submit(() -> rows().record(row(DAY, "example.com", "192.0.2.9", false))));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            sessions.shutdown();
        }

        assertThat(rows().forPolicyDomainAndPeriod("example.com", DAY, NEXT_DAY)).singleElement()
            .extracting(DmarcEvaluationRow::count).isEqualTo(40L);
    }
}
