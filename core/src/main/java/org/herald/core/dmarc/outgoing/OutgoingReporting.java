package org.herald.core.dmarc.outgoing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.herald.core.store.DmarcEvaluationStore;
import org.herald.core.store.DmarcOutgoingReportLog;

/**
 * Sends the aggregate reports Herald owes, each once: the daily run takes the finished UTC days whose reports are due
 * and, for every policy domain with evaluations that has no entry yet, plans the report, logs the decision (the log is
 * the claim: of several nodes or passes only one gets it) and mails what is to be sent. An operator can also ask for
 * one domain and day at any time. Every outcome is logged with its reason.
 */
public final class OutgoingReporting {
    private final DmarcEvaluationStore evaluations;
    private final DmarcOutgoingReportLog log;
    private final AggregateReportMailer mailer;
    private final Supplier<OutgoingReportPlanner> planner;
    private final Duration delay;
    private final int catchUpDays;
    private final Clock clock;
    private final OutgoingReportObserver observer;

    /**
     * @param planner     built when first needed: its settings name Herald's default domain, known only once the
     *                    server has read its domain list
     * @param delay       how long after a day's end its reports are due
     * @param catchUpDays how many finished days the daily run still reports (after a downtime)
     */
    public OutgoingReporting(DmarcEvaluationStore evaluations, DmarcOutgoingReportLog log, AggregateReportMailer mailer,
                             Supplier<OutgoingReportPlanner> planner, Duration delay, int catchUpDays, Clock clock,
                             OutgoingReportObserver observer) {
        this.evaluations = Objects.requireNonNull(evaluations, "evaluations");
        this.log = Objects.requireNonNull(log, "log");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.delay = Objects.requireNonNull(delay, "delay");
        this.catchUpDays = catchUpDays;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** The finished UTC days whose reports are due now, oldest first. */
    public List<LocalDate> dueDays() {
        LocalDate lastDue = LocalDate.ofInstant(clock.instant().minus(delay), ZoneOffset.UTC).minusDays(1);
        List<LocalDate> days = new ArrayList<>();
        for (int back = catchUpDays - 1; back >= 0; back--) {
            days.add(lastDue.minusDays(back));
        }
        return days;
    }

    /** The daily run: every report due and not yet decided. Returns what this pass decided. */
    public List<OutgoingReportEntry> runDue() {
        List<OutgoingReportEntry> decided = new ArrayList<>();
        for (LocalDate day : dueDays()) {
            decided.addAll(runDay(day));
        }
        return decided;
    }

    private List<OutgoingReportEntry> runDay(LocalDate day) {
        Instant begin = start(day);
        Set<String> alreadyDecided = log.dailyDomains(day);
        long sent = log.list(day, day).stream()
            .filter(entry -> entry.trigger() == OutgoingReportEntry.Trigger.DAILY && entry.outcome() == OutgoingReportEntry.Outcome.SENT)
            .count();
        OutgoingReportPlanner reports = planner.get();
        List<OutgoingReportEntry> decided = new ArrayList<>();
        for (String domain : evaluations.policyDomainsWithRows(begin, start(day.plusDays(1)))) {
            if (alreadyDecided.contains(domain)) {
                continue;
            }
            OutgoingReportDecision decision = reports.plan(domain, begin, sent >= reports.settings().dailyBudget());
            Optional<OutgoingReportEntry> claimed = log.logDaily(
                OutgoingReportEntry.of(decision, day, OutgoingReportEntry.Trigger.DAILY, clock.instant()));
            if (claimed.isEmpty()) {
                continue;
            }
            OutgoingReportEntry entry = deliver(decision, claimed.get(), reports.settings());
            if (entry.outcome() == OutgoingReportEntry.Outcome.SENT) {
                sent++;
            }
            decided.add(entry);
        }
        return decided;
    }

    /**
     * One domain's report for one day, now, whatever was sent before (an operator's resend, or a test of the set-up).
     *
     * @throws IllegalArgumentException for a day that has not begun
     */
    public OutgoingReportEntry sendNow(String policyDomain, LocalDate day) {
        if (day.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            throw new IllegalArgumentException(day + " has not begun yet (UTC): there is nothing to report");
        }
        OutgoingReportPlanner reports = planner.get();
        OutgoingReportDecision decision = reports.plan(policyDomain.toLowerCase(Locale.ROOT), start(day));
        OutgoingReportEntry logged = log.logOnDemand(
            OutgoingReportEntry.of(decision, day, OutgoingReportEntry.Trigger.ON_DEMAND, clock.instant()));
        return deliver(decision, logged, reports.settings());
    }

    public List<OutgoingReportEntry> list(LocalDate from, LocalDate to) {
        return log.list(from, to);
    }

    private OutgoingReportEntry deliver(OutgoingReportDecision decision, OutgoingReportEntry logged, OutgoingReportSettings settings) {
        OutgoingReportEntry entry = logged;
        if (decision instanceof OutgoingReportDecision.Send send) {
            try {
                mailer.mail(send, settings);
            } catch (RuntimeException e) {
                entry = logged.failed(String.valueOf(e.getMessage()));
                log.update(entry);
            }
        }
        observer.decided(entry);
        return entry;
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
