package org.herald.server.metrics;

import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.metrics.api.GaugeRegistry;
import org.herald.core.relay.RelayRegistry;
import org.herald.core.relay.RelayRuntime;

/**
 * Per relay, on /metrics: {@code herald_relay_breaker_state_<relay>} (0 closed, 1 half-open, 2 open, 3 opened by the
 * operator), {@code herald_relay_in_flight_<relay>}, and the mails it delivered, deferred and bounced since start
 * ({@code herald_relay_delivered_<relay>}, {@code _deferred_}, {@code _bounced_}). A '-' in a relay name becomes '_'.
 */
public class RelayGauges implements Startable {
    private final RelayRegistry registry;
    private final GaugeRegistry gauges;

    @Inject
    public RelayGauges(RelayRegistry registry, GaugeRegistry gauges) {
        this.registry = registry;
        this.gauges = gauges;
    }

    public void start() {
        for (RelayRuntime relay : registry.all()) {
            String suffix = relay.name().replace('-', '_');
            gauges.register("herald_relay_breaker_state_" + suffix, () -> relay.breaker().state().level());
            gauges.register("herald_relay_in_flight_" + suffix, () -> relay.activity().inFlight());
            gauges.register("herald_relay_delivered_" + suffix, () -> relay.activity().deliveredCount());
            gauges.register("herald_relay_deferred_" + suffix, () -> relay.activity().deferredCount());
            gauges.register("herald_relay_bounced_" + suffix, () -> relay.activity().bouncedCount());
        }
    }
}
