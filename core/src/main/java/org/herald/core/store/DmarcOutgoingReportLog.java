package org.herald.core.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.herald.core.dmarc.outgoing.OutgoingReportEntry;

/**
 * What Herald did with each aggregate report it owed: sent, skipped (and why) or failed. The daily entries double as
 * the claim that makes one node, once, send a domain's report for a day, however many nodes share the store and
 * however often the daily run looks.
 *
 * <p>Failure policy: a store that cannot be reached makes these methods throw a RuntimeException; the daily run then
 * sends nothing (it cannot claim) and tries again at its next pass.
 */
public interface DmarcOutgoingReportLog {

    /**
     * Logs a {@link OutgoingReportEntry.Trigger#DAILY} entry unless the domain already has one for that day.
     *
     * @return the logged entry with its id, or empty when another pass or node got there first
     */
    Optional<OutgoingReportEntry> logDaily(OutgoingReportEntry entry);

    /** Logs an entry of any trigger, beside whatever is logged already (an operator may resend). */
    OutgoingReportEntry logOnDemand(OutgoingReportEntry entry);

    /** Replaces the outcome and notes of a logged entry (a report whose mail could not be enqueued). */
    void update(OutgoingReportEntry entry);

    /** The policy domains that have a daily entry for {@code day}. */
    Set<String> dailyDomains(LocalDate day);

    /** Entries for days in [{@code from}, {@code to}] (inclusive), by day then by id. */
    List<OutgoingReportEntry> list(LocalDate from, LocalDate to);
}
