package org.herald.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herald.core.dmarc.DmarcTestMessages.dkim;
import static org.herald.core.dmarc.DmarcTestMessages.spf;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.herald.core.dkim.DkimResult;
import org.herald.core.greylist.Cidr;
import org.herald.core.spf.SpfResult;
import org.junit.jupiter.api.Test;

class DmarcEvaluationRowTest {
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
    private final FakeTxtLookup dns = new FakeTxtLookup()
        .records("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine; pct=0; fo=1; rua=mailto:dmarc@example.com!10m")
        .records("_dmarc.example.org", "v=DMARC1; p=none; rua=mailto:agg@example.org");
    private final DmarcEvaluator evaluator = new DmarcEvaluator(new DmarcRecordDiscovery(dns), new OrganizationalDomains(),
        new Random(3), DmarcOverrides.NONE);

    private DmarcInput spoof(String from, String client) {
        return new DmarcInput(from, "spammer.example", Cidr.parseAddress(client),
            List.of(dkim("spammer.example", DkimResult.PASS)), Optional.of(spf("spammer.example", SpfResult.PASS)),
            Optional.empty());
    }

    private DmarcEvaluationRow row(DmarcInput input, Instant at) {
        return DmarcEvaluationRow.of(input, evaluator.evaluate(input), Optional.of("Herald.Example"), at).orElseThrow();
    }

    @Test
    void carriesWhatTheAggregateReportNeeds() {
        DmarcInput input = spoof("news.example.com", "2001:DB8:0:0::7");

        DmarcEvaluationRow row = row(input, DAY.plusSeconds(50_000));

        assertThat(row.periodStart()).isEqualTo(DAY);
        assertThat(row.sourceIp()).isEqualTo("2001:db8::7");
        assertThat(row.headerFrom()).isEqualTo("news.example.com");
        assertThat(row.envelopeFrom()).isEqualTo("spammer.example");
        assertThat(row.envelopeTo()).contains("herald.example");
        assertThat(row.policyDomain()).isEqualTo("example.com");
        DmarcPublishedPolicy published = row.published();
        assertThat(published.p()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(published.sp()).contains(DmarcPolicy.QUARANTINE);
        assertThat(published.pct()).isZero();
        assertThat(published.fo()).isEqualTo("1");
        assertThat(published.adkim()).isEqualTo(AlignmentMode.RELAXED);
        assertThat(published.rua()).extracting(DmarcReportUri::toString).containsExactly("mailto:dmarc@example.com!10485760");
        // sp=quarantine, lowered by pct=0 to none
        assertThat(row.disposition()).isEqualTo(DmarcPolicy.NONE);
        assertThat(row.dkimAligned()).isFalse();
        assertThat(row.spfAligned()).isFalse();
        assertThat(row.reasons()).extracting(DmarcOverrideReason::type).containsExactly(DmarcOverrideType.SAMPLED_OUT);
        assertThat(row.dkim()).containsExactly(new DmarcEvaluationRow.DkimAuth("spammer.example", "s2026", DkimResult.PASS));
        assertThat(row.spf()).contains(new DmarcEvaluationRow.SpfAuth("spammer.example", DmarcEvaluationRow.SpfScope.MFROM,
            SpfResult.PASS));
        assertThat(row.count()).isEqualTo(1);
    }

    @Test
    void theNullSenderIsReportedWithTheHeloScope() {
        DmarcInput bounce = new DmarcInput("example.org", "", Cidr.parseAddress("192.0.2.1"), List.of(),
            Optional.of(spf("mx.example.org", SpfResult.PASS)), Optional.empty());

        DmarcEvaluationRow row = row(bounce, DAY);

        assertThat(row.envelopeFrom()).isEmpty();
        assertThat(row.spf()).contains(new DmarcEvaluationRow.SpfAuth("mx.example.org", DmarcEvaluationRow.SpfScope.HELO,
            SpfResult.PASS));
        assertThat(row.spfAligned()).isTrue();
        assertThat(row.spf().get().scope().reportValue()).isEqualTo("helo");
    }

    @Test
    void nothingIsRecordedWithoutAPolicy() {
        DmarcInput input = spoof("nopolicy.example", "192.0.2.1");

        assertThat(DmarcEvaluationRow.of(input, evaluator.evaluate(input), Optional.empty(), DAY)).isEmpty();
        assertThat(DmarcEvaluationRow.of(input, DmarcEvaluation.noFromDomain(), Optional.empty(), DAY)).isEmpty();
    }

    @Test
    void rowsStartAtAUtcDayAndCountAtLeastOne() {
        DmarcEvaluationRow row = row(spoof("example.org", "192.0.2.1"), DAY);

        assertThatThrownBy(() -> row.withCount(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DmarcEvaluationRow(DAY.plusSeconds(1), row.sourceIp(), row.headerFrom(),
            row.envelopeFrom(), row.envelopeTo(), row.published(), row.disposition(), false, false, List.of(), List.of(),
            Optional.empty(), 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("00:00 UTC");
        assertThat(DmarcEvaluationRow.periodOf(Instant.parse("2026-11-24T23:59:59Z"))).isEqualTo(DAY);
    }

    @Test
    void aStoreAddsUpIdenticalRowsAndKeepsDistinctOnesApart() {
        InMemoryDmarcEvaluationStore store = new InMemoryDmarcEvaluationStore();
        Instant nextDay = DAY.plusSeconds(86_400);

        store.record(row(spoof("example.org", "192.0.2.1"), DAY.plusSeconds(10)));
        store.record(row(spoof("example.org", "192.0.2.1"), DAY.plusSeconds(20_000)));
        store.record(row(spoof("example.org", "192.0.2.1"), DAY.plusSeconds(30_000)).withCount(5));
        store.record(row(spoof("example.org", "192.0.2.2"), DAY.plusSeconds(40)));
        store.record(row(spoof("example.org", "192.0.2.1"), nextDay.plusSeconds(1)));
        store.record(row(spoof("example.com", "192.0.2.1"), DAY.plusSeconds(1)));

        List<DmarcEvaluationRow> day = store.forPolicyDomainAndPeriod("example.org", DAY, nextDay);
        assertThat(day).extracting(DmarcEvaluationRow::sourceIp, DmarcEvaluationRow::count)
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("192.0.2.1", 7L),
                org.assertj.core.groups.Tuple.tuple("192.0.2.2", 1L));
        assertThat(store.policyDomainsWithRows(DAY, nextDay)).containsExactly("example.com", "example.org");
        assertThat(store.policyDomainsWithRows(nextDay, nextDay.plusSeconds(86_400))).containsExactly("example.org");
        assertThat(store.deleteBefore(nextDay)).isEqualTo(3);
        assertThat(store.forPolicyDomainAndPeriod("example.org", DAY, nextDay.plusSeconds(86_400)))
            .extracting(DmarcEvaluationRow::periodStart).containsExactly(nextDay);
    }
}
