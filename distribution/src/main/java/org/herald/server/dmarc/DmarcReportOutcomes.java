package org.herald.server.dmarc;

import org.apache.james.metrics.api.MetricFactory;
import org.herald.core.dmarc.outgoing.OutgoingReportEntry;
import org.herald.core.dmarc.outgoing.OutgoingReportObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs and counts what became of each aggregate report: {@code herald_dmarc_reports_generated} (built),
 * {@code _sent}, {@code _skipped}, {@code _failed}.
 */
public final class DmarcReportOutcomes implements OutgoingReportObserver {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.dmarc");

    private final MetricFactory metrics;

    public DmarcReportOutcomes(MetricFactory metrics) {
        this.metrics = metrics;
    }

    @Override
    public void decided(OutgoingReportEntry entry) {
        if (entry.reportId().isPresent()) {
            metrics.generate("herald_dmarc_reports_generated").increment();
        }
        switch (entry.outcome()) {
            case SENT -> {
                metrics.generate("herald_dmarc_reports_sent").increment();
                LOGGER.info("DMARC report about {} for {} ({} bytes) sent to {}{}", entry.policyDomain(), entry.day(), entry.bytes(),
                    entry.recipients(), entry.notes().isEmpty() ? "" : "; left out: " + entry.notes());
            }
            case SKIPPED -> {
                metrics.generate("herald_dmarc_reports_skipped").increment();
                LOGGER.info("DMARC report about {} for {} not sent: {}", entry.policyDomain(), entry.day(), String.join("; ", entry.notes()));
            }
            case FAILED -> {
                metrics.generate("herald_dmarc_reports_failed").increment();
                LOGGER.warn("DMARC report about {} for {} failed: {}", entry.policyDomain(), entry.day(), String.join("; ", entry.notes()));
            }
        }
    }
}
