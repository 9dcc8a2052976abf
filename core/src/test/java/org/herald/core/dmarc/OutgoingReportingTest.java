package org.herald.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.herald.core.dkim.DkimResult;
import org.herald.core.dmarc.outgoing.AggregateReportMailer;
import org.herald.core.dmarc.outgoing.OutgoingReportDecision;
import org.herald.core.dmarc.outgoing.OutgoingReportEntry;
import org.herald.core.dmarc.outgoing.OutgoingReportEntry.Outcome;
import org.herald.core.dmarc.outgoing.OutgoingReportEntry.Trigger;
import org.herald.core.dmarc.outgoing.OutgoingReportPlanner;
import org.herald.core.dmarc.outgoing.OutgoingReportSettings;
import org.herald.core.dmarc.outgoing.OutgoingReporting;
import org.herald.core.dmarc.report.ExternalReportAuthorization;
import org.herald.core.spf.SpfResult;
import org.herald.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

class OutgoingReportingTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-24");
    private static final Instant MIDNIGHT_AFTER = Instant.parse("2026-11-25T00:00:00Z");
    private static final Duration DELAY = Duration.ofMinutes(15);

    private final InMemoryDmarcEvaluationStore rows = new InMemoryDmarcEvaluationStore();
    private final InMemoryDmarcOutgoingReportLog log = new InMemoryDmarcOutgoingReportLog();
    private final MutableClock clock = new MutableClock(MIDNIGHT_AFTER.plus(Duration.ofMinutes(10)));
    private final List<OutgoingReportDecision.Send> mailed = new ArrayList<>();
    private final List<OutgoingReportEntry> observed = new ArrayList<>();
    private AggregateReportMailer mailer = (report, settings) -> mailed.add(report);

    private void evaluated(LocalDate day, String domain) {
        DmarcPublishedPolicy policy = new DmarcPublishedPolicy(domain, AlignmentMode.RELAXED, AlignmentMode.RELAXED, DmarcPolicy.REJECT,
            Optional.empty(), Optional.empty(), 100, "0", List.of(DmarcReportUri.parse("mailto:dmarc@" + domain)));
        rows.record(new DmarcEvaluationRow(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), "192.0.2.1", domain, domain,
            Optional.empty(), policy, DmarcPolicy.NONE, true, true, List.of(),
            List.of(new DmarcEvaluationRow.DkimAuth(domain, "s1", DkimResult.PASS)),
            Optional.of(new DmarcEvaluationRow.SpfAuth(domain, DmarcEvaluationRow.SpfScope.MFROM, SpfResult.PASS)), 3));
    }

    private OutgoingReporting reporting(int budget, int catchUpDays) {
        OutgoingReportSettings settings = new OutgoingReportSettings(true, "herald.test", "postmaster@herald.test", Set.of(), budget);
        OutgoingReportPlanner planner = new OutgoingReportPlanner(rows,
            new ExternalReportAuthorization(new FakeTxtLookup(), (policy, rua) -> policy.equals(rua)), settings);
        return new OutgoingReporting(rows, log, (report, s) -> mailer.mail(report, s), () -> planner, DELAY, catchUpDays, clock,
            observed::add);
    }

    @Test
    void aDaysReportsGoOutOnceTheDelayAfterItsEndHasPassedAndOnlyOnce() {
        evaluated(DAY, "example.com");
        OutgoingReporting node = reporting(10, 1);

        assertThat(node.runDue()).as("10 minutes after midnight, 15 to wait").isEmpty();
        assertThat(node.dueDays()).containsExactly(DAY.minusDays(1));

        clock.advance(Duration.ofMinutes(6));
        List<OutgoingReportEntry> decided = node.runDue();

        assertThat(decided).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(Outcome.SENT);
            assertThat(entry.trigger()).isEqualTo(Trigger.DAILY);
            assertThat(entry.day()).isEqualTo(DAY);
            assertThat(entry.recipients()).containsExactly("dmarc@example.com");
            assertThat(entry.bytes()).isEqualTo(mailed.get(0).gzipped().length);
        });
        assertThat(mailed).hasSize(1);
        assertThat(observed).isEqualTo(decided);

        assertThat(node.runDue()).as("the next pass").isEmpty();
        assertThat(reporting(10, 1).runDue()).as("another node sharing the log").isEmpty();
        assertThat(mailed).hasSize(1);
        assertThat(node.list(DAY, DAY)).isEqualTo(decided);
    }

    @Test
    void theDailyBudgetHoldsAcrossPassesAndWhatIsOverItIsListedWithTheReason() {
        evaluated(DAY, "a.example");
        evaluated(DAY, "b.example");
        clock.advance(Duration.ofHours(1));

        reporting(2, 1).runDue();
        evaluated(DAY, "c.example"); // a late row, e.g. written by another node just before midnight
        reporting(2, 1).runDue();

        assertThat(mailed).extracting(OutgoingReportDecision.Send::policyDomain).containsExactly("a.example", "b.example");
        assertThat(log.list(DAY, DAY)).filteredOn(entry -> entry.policyDomain().equals("c.example")).singleElement()
            .satisfies(entry -> {
                assertThat(entry.outcome()).isEqualTo(Outcome.SKIPPED);
                assertThat(entry.notes()).singleElement().asString().contains("daily budget of 2 reports is spent");
            });
    }

    @Test
    void afterADowntimeTheCatchUpDaysAreReportedAndOlderOnesAreNot() {
        evaluated(DAY, "example.com");
        evaluated(DAY.plusDays(1), "example.com");
        evaluated(DAY.plusDays(2), "example.com");
        clock.advance(Duration.ofDays(2).plusHours(1)); // 2026-11-27T01:10

        reporting(10, 2).runDue();

        assertThat(log.list(DAY, DAY.plusDays(5))).extracting(OutgoingReportEntry::day)
            .containsExactly(DAY.plusDays(1), DAY.plusDays(2));
    }

    @Test
    void aReportWhoseMailCannotBeHandedOverIsLoggedAsFailedWithTheReasonAndCanBeSentAgainByHand() {
        evaluated(DAY, "example.com");
        clock.advance(Duration.ofHours(1));
        mailer = (report, settings) -> {
            throw new IllegalStateException("the spool is full");
        };

        assertThat(reporting(10, 1).runDue()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(entry.notes()).contains("sending failed: the spool is full");
        });
        assertThat(log.list(DAY, DAY)).extracting(OutgoingReportEntry::outcome).containsExactly(Outcome.FAILED);
        assertThat(reporting(10, 1).runDue()).as("a failed daily report is not retried by itself").isEmpty();

        mailer = (report, settings) -> mailed.add(report);
        OutgoingReportEntry resent = reporting(10, 1).sendNow("Example.COM", DAY);

        assertThat(resent.outcome()).isEqualTo(Outcome.SENT);
        assertThat(resent.trigger()).isEqualTo(Trigger.ON_DEMAND);
        assertThat(mailed).extracting(OutgoingReportDecision.Send::policyDomain).containsExactly("example.com");
        assertThat(log.list(DAY, DAY)).hasSize(2);
    }

    @Test
    void sendingByHandWorksForTodayAndSaysWhyNotForNothing() {
        LocalDate today = DAY.plusDays(1);
        evaluated(today, "example.com");

        assertThat(reporting(10, 1).sendNow("example.com", today).outcome()).isEqualTo(Outcome.SENT);
        OutgoingReportEntry nothing = reporting(10, 1).sendNow("example.org", today);
        assertThat(nothing.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(nothing.notes()).singleElement().asString().contains("no message from example.org was evaluated");
        assertThatThrownBy(() -> reporting(10, 1).sendNow("example.com", today.plusDays(1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("has not begun yet");
    }
}
