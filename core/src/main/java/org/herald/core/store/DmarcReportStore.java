package org.herald.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.herald.core.dmarc.ingest.DmarcSourceSummary;
import org.herald.core.dmarc.ingest.DmarcSummary;
import org.herald.core.dmarc.ingest.StoredReport;
import org.herald.core.dmarc.report.AggregateReport;

/**
 * The aggregate reports other receivers send about Herald's domains: what a self-hoster reads to see who sends mail in
 * their name (someone always does). Backends: the embedded/PostgreSQL state store, or OpenSearch.
 *
 * <p>Failure policy: a store that cannot be reached makes these methods throw a RuntimeException; the ingesting
 * mailet then keeps the report mail for a retry rather than losing it.
 */
public interface DmarcReportStore {

    /**
     * Stores a report unless one with the same reporter (org_name) and report_id is already stored: reporters resend,
     * and a report counted twice would double every figure.
     *
     * @return the stored report's id, or empty for a duplicate
     */
    Optional<String> save(AggregateReport report, String receivedFrom, Instant receivedAt);

    Optional<StoredReport> find(String id);

    /** Messages and pass rates for one policy domain, over reports whose date range begins in [from, to). */
    DmarcSummary summary(String policyDomain, Instant from, Instant to);

    /** The sending IPs seen in those reports, most messages first: where spoofing shows up. */
    List<DmarcSourceSummary> sources(String policyDomain, Instant from, Instant to, int limit);
}
