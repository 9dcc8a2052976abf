package org.herald.core.store;

import java.time.Instant;
import java.util.List;

import org.herald.core.dmarc.DmarcEvaluationRow;

/**
 * Every DMARC evaluation of inbound mail, kept for the aggregate reports sent to the policy domains' rua= addresses.
 * Rows that are identical but for their count add up, so a day's traffic from one source is one row per distinct
 * outcome rather than one per message. With a shared PostgreSQL store every node's evaluations meet in one report.
 *
 * <p>Failure policy: a store that cannot be reached makes these methods throw a RuntimeException; the DATA-time hook
 * still applies the disposition (the evaluation does not depend on the store) and counts the lost row.
 */
public interface DmarcEvaluationStore {

    /**
     * Adds {@code row.count()} to the stored row with the same identity (every field but count, see
     * {@link DmarcEvaluationRow#sameIdentity}), or stores the row when there is none. Safe under concurrent calls
     * from several sessions and nodes: no count is lost.
     */
    void record(DmarcEvaluationRow row);

    /** The rows of one policy domain whose period starts in [{@code from}, {@code to}). */
    List<DmarcEvaluationRow> forPolicyDomainAndPeriod(String policyDomain, Instant from, Instant to);

    /** The policy domains with at least one row whose period starts in [{@code from}, {@code to}), sorted. */
    List<String> policyDomainsWithRows(Instant from, Instant to);

    /** Deletes the rows whose period starts before {@code cutoff}; returns how many. */
    int deleteBefore(Instant cutoff);
}
