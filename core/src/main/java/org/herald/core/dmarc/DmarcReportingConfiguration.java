package org.herald.core.dmarc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.herald.core.dmarc.outgoing.OutgoingReportSettings;

/**
 * conf/dmarc.xml's {@code <reports>}: the aggregate reports Herald sends about the mail it evaluated (documented in
 * that file).
 *
 * @param enabled          the switch: false, nothing is sent (every domain is listed as skipped, saying so)
 * @param orgName          the reporting organisation named in reports; empty: Herald's default domain
 * @param email            the report mail's sender and contact address; empty: postmaster@ the default domain
 * @param excludedDomains  policy domains (and their subdomains) never reported to
 * @param dailyBudget      reports sent per UTC day at most
 * @param delay            how long after the end of a UTC day its reports go out (rows of the last seconds of the day
 *                         may still be being written by other nodes)
 * @param catchUpDays      how many finished days are still reported after a downtime (1: only yesterday)
 * @param checkInterval    how often the scheduler looks for reports that are due
 * @param keepEvaluations  how long recorded evaluations are kept; must outlast the catch-up days
 */
public record DmarcReportingConfiguration(boolean enabled, Optional<String> orgName, Optional<String> email,
                                          Set<String> excludedDomains, int dailyBudget, Duration delay, int catchUpDays,
                                          Duration checkInterval, Duration keepEvaluations) {
    public static final DmarcReportingConfiguration DEFAULT = new DmarcReportingConfiguration(true, Optional.empty(),
        Optional.empty(), Set.of(), 1000, Duration.ofMinutes(15), 2, Duration.ofMinutes(5), Duration.ofDays(7));

    public DmarcReportingConfiguration {
        Objects.requireNonNull(orgName, "orgName");
        Objects.requireNonNull(email, "email");
        excludedDomains = Set.copyOf(excludedDomains);
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(keepEvaluations, "keepEvaluations");
        if (catchUpDays < 1) {
            throw new IllegalArgumentException("catchUpDays must be at least 1");
        }
        if (keepEvaluations.compareTo(Duration.ofDays(catchUpDays + 1L)) < 0) {
            throw new IllegalArgumentException("keepEvaluations must be longer than the catch-up days");
        }
    }

    /** The planner's settings, with the default domain where the file leaves names out. */
    public OutgoingReportSettings settings(String defaultDomain) {
        return new OutgoingReportSettings(enabled, orgName.orElse(defaultDomain), email.orElse("postmaster@" + defaultDomain),
            excludedDomains, dailyBudget);
    }
}
