package org.herald.core.dmarc.outgoing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one policy domain's aggregate report for one UTC day: the line GET /dmarc/reports/outgoing shows.
 *
 * @param id         the log's id; 0 before it is logged
 * @param recipients the addresses it was mailed to (none when skipped)
 * @param notes      why it was skipped, or which rua= addresses were left out and why, or why sending failed
 * @param reportId   the report's id, when one was built
 * @param bytes      the gzipped report's size, 0 when none was built
 */
public record OutgoingReportEntry(long id, String policyDomain, LocalDate day, Trigger trigger, Outcome outcome,
                                  List<String> recipients, List<String> notes, Optional<String> reportId, int bytes,
                                  Instant decidedAt) {
    /** Who asked for the report: the daily run (once per domain and day, whichever node) or an operator. */
    public enum Trigger { DAILY, ON_DEMAND }

    public enum Outcome { SENT, SKIPPED, FAILED }

    public OutgoingReportEntry {
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(outcome, "outcome");
        recipients = List.copyOf(recipients);
        notes = List.copyOf(notes);
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    static OutgoingReportEntry of(OutgoingReportDecision decision, LocalDate day, Trigger trigger, Instant at) {
        if (decision instanceof OutgoingReportDecision.Send send) {
            return new OutgoingReportEntry(0, send.policyDomain(), day, trigger, Outcome.SENT, send.recipients(), send.skipped(),
                Optional.of(send.report().metadata().reportId()), send.gzipped().length, at);
        }
        OutgoingReportDecision.Skipped skipped = (OutgoingReportDecision.Skipped) decision;
        return new OutgoingReportEntry(0, skipped.policyDomain(), day, trigger, Outcome.SKIPPED, List.of(), List.of(skipped.reason()),
            Optional.empty(), 0, at);
    }

    public OutgoingReportEntry withId(long newId) {
        return new OutgoingReportEntry(newId, policyDomain, day, trigger, outcome, recipients, notes, reportId, bytes, decidedAt);
    }

    /** Enqueueing the report mail failed after the entry was logged: it says so, with the reason. */
    public OutgoingReportEntry failed(String reason) {
        List<String> withReason = new java.util.ArrayList<>(notes);
        withReason.add("sending failed: " + reason);
        return new OutgoingReportEntry(id, policyDomain, day, trigger, Outcome.FAILED, recipients, withReason, reportId, bytes, decidedAt);
    }
}
