package org.herald.core.dmarc.outgoing;

import java.util.Objects;
import java.util.Set;

/**
 * What Herald may send as aggregate reports.
 *
 * @param enabled         the switch: off, nothing is sent (every domain is reported as skipped, with that reason)
 * @param orgName         the reporting organisation named in reports (Herald's domain)
 * @param email           the contact address named in reports
 * @param excludedDomains policy domains never reported to (and their subdomains)
 * @param dailyBudget     reports sent per period at most; the rest are skipped, saying so
 */
public record OutgoingReportSettings(boolean enabled, String orgName, String email, Set<String> excludedDomains, int dailyBudget) {
    public OutgoingReportSettings {
        Objects.requireNonNull(orgName, "orgName");
        Objects.requireNonNull(email, "email");
        excludedDomains = Set.copyOf(excludedDomains);
        if (dailyBudget < 0) {
            throw new IllegalArgumentException("dailyBudget must not be negative");
        }
    }

    boolean excludes(String policyDomain) {
        return excludedDomains.stream().anyMatch(excluded -> policyDomain.equals(excluded) || policyDomain.endsWith("." + excluded));
    }
}
