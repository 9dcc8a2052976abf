package org.herald.core.dmarc.report;

import java.util.Objects;

/** One {@code <record>}: a row of counted messages, the domains they claimed, and their raw authentication results. */
public record ReportRecord(Row row, Identifiers identifiers, AuthResults authResults) {
    public ReportRecord {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(identifiers, "identifiers");
        Objects.requireNonNull(authResults, "authResults");
    }
}
