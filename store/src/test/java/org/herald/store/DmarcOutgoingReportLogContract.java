package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.herald.core.dmarc.outgoing.OutgoingReportEntry;
import org.herald.core.dmarc.outgoing.OutgoingReportEntry.Outcome;
import org.herald.core.dmarc.outgoing.OutgoingReportEntry.Trigger;
import org.herald.core.store.DmarcOutgoingReportLog;
import org.junit.jupiter.api.Test;

/** What every {@link DmarcOutgoingReportLog} backend must do; implemented once per backend with an empty store per test. */
public interface DmarcOutgoingReportLogContract {
    LocalDate DAY = LocalDate.parse("2026-11-24");
    Instant AT = Instant.parse("2026-11-25T00:15:00Z");

    DmarcOutgoingReportLog log();

    static OutgoingReportEntry sent(String domain, LocalDate day, Trigger trigger) {
        return new OutgoingReportEntry(0, domain, day, trigger, Outcome.SENT, List.of("dmarc@" + domain, "rua@vendor.example"),
            List.of("x@elsewhere.example: no v=DMARC1 record at example.com._report._dmarc.elsewhere.example",
                "a reason with a\nline break"),
            Optional.of("herald.test!" + domain + "!1763942400"), 1234, AT);
    }

    @Test
    default void anEntryReadsBackAsLogged() {
        OutgoingReportEntry logged = log().logDaily(sent("example.com", DAY, Trigger.DAILY)).orElseThrow();

        assertThat(logged.id()).isPositive();
        OutgoingReportEntry read = log().list(DAY, DAY).get(0);
        assertThat(read.id()).isEqualTo(logged.id());
        assertThat(read.recipients()).containsExactly("dmarc@example.com", "rua@vendor.example");
        assertThat(read.notes()).containsExactly(
            "x@elsewhere.example: no v=DMARC1 record at example.com._report._dmarc.elsewhere.example", "a reason with a line break");
        assertThat(read.reportId()).contains("herald.test!example.com!1763942400");
        assertThat(read.bytes()).isEqualTo(1234);
        assertThat(read.decidedAt()).isEqualTo(AT);
        assertThat(read.outcome()).isEqualTo(Outcome.SENT);
        assertThat(read.trigger()).isEqualTo(Trigger.DAILY);

        OutgoingReportEntry skipped = new OutgoingReportEntry(0, "example.org", DAY, Trigger.DAILY, Outcome.SKIPPED, List.of(),
            List.of("excluded by configuration"), Optional.empty(), 0, AT);
        assertThat(log().logDaily(skipped).orElseThrow().withId(0)).isEqualTo(skipped);
    }

    @Test
    default void aDomainsDailyReportIsClaimedOnceButResendsAreAlwaysLogged() {
        assertThat(log().logDaily(sent("example.com", DAY, Trigger.DAILY))).isPresent();
        assertThat(log().logDaily(sent("Example.com".toLowerCase(), DAY, Trigger.DAILY))).as("claimed already").isEmpty();
        assertThat(log().logDaily(sent("example.com", DAY.plusDays(1), Trigger.DAILY))).as("the next day").isPresent();
        log().logOnDemand(sent("example.com", DAY, Trigger.ON_DEMAND));
        log().logOnDemand(sent("example.com", DAY, Trigger.ON_DEMAND));

        assertThat(log().dailyDomains(DAY)).containsExactly("example.com");
        assertThat(log().dailyDomains(DAY.minusDays(1))).isEmpty();
        assertThat(log().list(DAY, DAY)).extracting(OutgoingReportEntry::trigger)
            .containsExactly(Trigger.DAILY, Trigger.ON_DEMAND, Trigger.ON_DEMAND);
        assertThat(log().list(DAY, DAY.plusDays(1))).extracting(OutgoingReportEntry::day)
            .containsExactly(DAY, DAY, DAY, DAY.plusDays(1));
    }

    @Test
    default void ofNodesClaimingTheSameReportAtOnceExactlyOneGetsIt() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                claims.add(() -> log().logDaily(sent("example.com", DAY, Trigger.DAILY)).isPresent());
            }
            long winners = 0;
            for (Future<Boolean> claim : nodes.invokeAll(claims)) {
                winners += claim.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    default void aFailedHandOverIsRecordedOnTheEntry() {
        OutgoingReportEntry logged = log().logDaily(sent("example.com", DAY, Trigger.DAILY)).orElseThrow();

        log().update(logged.failed("the spool is full"));

        OutgoingReportEntry read = log().list(DAY, DAY).get(0);
        assertThat(read.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(read.notes()).endsWith("sending failed: the spool is full");
    }
}
