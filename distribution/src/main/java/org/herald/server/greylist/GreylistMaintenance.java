package org.herald.server.greylist;

import java.time.Duration;

import javax.annotation.PreDestroy;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.metrics.api.GaugeRegistry;
import org.herald.core.greylist.GreylistGuard;
import org.herald.core.greylist.GreylistPolicy;
import org.herald.server.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greylisting's background work: purging triplets and auto-whitelist entries unseen for the record lifetime every
 * purge interval (a failed purge is logged and tried again next time), and the {@code herald_greylist_breaker_state}
 * gauge (0 closed, 1 half-open, 2 open, 3 opened by the operator).
 */
public final class GreylistMaintenance implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.greylist");

    private final GreylistPolicy policy;
    private final GreylistGuard guard;
    private final GaugeRegistry gauges;
    private final Duration interval;
    private final PeriodicTask task;

    public GreylistMaintenance(GreylistPolicy policy, GreylistGuard guard, GaugeRegistry gauges, Duration interval) {
        this.policy = policy;
        this.guard = guard;
        this.gauges = gauges;
        this.interval = interval;
        this.task = new PeriodicTask("herald-greylist-purge", "Greylist purge", interval, this::purge, LOGGER);
    }

    public synchronized void start() {
        gauges.register("herald_greylist_breaker_state", () -> guard.breaker().state().level());
        task.start(interval);
    }

    private void purge() {
        int purged = policy.purgeExpired();
        if (purged > 0) {
            LOGGER.info("Greylisting: purged {} record(s) unseen for the record lifetime", purged);
        }
    }

    @PreDestroy
    public synchronized void stop() {
        task.stop();
    }
}
