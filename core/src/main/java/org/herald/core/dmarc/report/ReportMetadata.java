package org.herald.core.dmarc.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who made the report and which period it covers ({@code <report_metadata>}). {@code email} is blank when a reporter
 * left it out (seen in the wild; the report is still useful), never null. {@code orgName} and {@code reportId} are what
 * ingestion deduplicates on, so they are never blank.
 */
public record ReportMetadata(String orgName, String email, Optional<String> extraContactInfo, String reportId,
                             DateRange dateRange, List<String> errors) {
    public ReportMetadata {
        Objects.requireNonNull(orgName, "orgName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(extraContactInfo, "extraContactInfo");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(dateRange, "dateRange");
        errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
        if (orgName.isBlank()) {
            throw new IllegalArgumentException("org_name must not be blank");
        }
        if (reportId.isBlank()) {
            throw new IllegalArgumentException("report_id must not be blank");
        }
    }
}
