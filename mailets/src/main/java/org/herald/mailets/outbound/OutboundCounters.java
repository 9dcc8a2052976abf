package org.herald.mailets.outbound;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;

/**
 * Herald's outbound counters on WebAdmin's /metrics: {@code herald_outbound_delivered} (mails whose every recipient
 * was accepted), {@code herald_outbound_deferred} (attempts that left recipients for a later attempt) and
 * {@code herald_outbound_bounced} (mails with recipients handed to the bounce processor) and
 * {@code herald_outbound_deferred_by_warmup} (mails with recipients put back to wait for warmup budget).
 */
public record OutboundCounters(Metric delivered, Metric deferred, Metric bounced, Metric deferredByWarmup) {
    public static OutboundCounters from(MetricFactory metricFactory) {
        return new OutboundCounters(metricFactory.generate("herald_outbound_delivered"),
            metricFactory.generate("herald_outbound_deferred"), metricFactory.generate("herald_outbound_bounced"),
            metricFactory.generate("herald_outbound_deferred_by_warmup"));
    }
}
