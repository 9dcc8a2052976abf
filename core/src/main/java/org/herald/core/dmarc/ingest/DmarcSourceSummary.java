package org.herald.core.dmarc.ingest;

import java.util.Objects;

/** One sending IP across the reports of a period: how many of its messages passed DMARC and how many failed. */
public record DmarcSourceSummary(String sourceIp, long messages, long dmarcPass, long dmarcFail, long rejected, long quarantined) {
    public DmarcSourceSummary {
        Objects.requireNonNull(sourceIp, "sourceIp");
    }
}
