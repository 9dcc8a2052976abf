package org.herald.mailets;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;

/** Herald's outbound counters, as exported on WebAdmin's /metrics. */
public final class OutboundMetrics {
    private OutboundMetrics() {
    }

    public static Metric counter(MetricFactory metricFactory, String outcome) {
        return metricFactory.generate("herald_outbound_" + outcome);
    }
}
