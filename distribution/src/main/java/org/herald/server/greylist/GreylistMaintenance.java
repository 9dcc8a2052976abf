package org.herald.server.greylist;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.metrics.api.GaugeRegistry;
import org.herald.core.greylist.GreylistGuard;
import org.herald.core.greylist.GreylistPolicy;
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
    private ScheduledExecutorService scheduler;

    public GreylistMaintenance(GreylistPolicy policy, GreylistGuard guard, GaugeRegistry gauges, Duration interval) {
        this.policy = policy;
        this.guard = guard;
        this.gauges = gauges;
        this.interval = interval;
    }

    public synchronized void start() {
        gauges.register("herald_greylist_breaker_state", () -> guard.breaker().state().level());
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "herald-greylist-purge");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::purge, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void purge() {
        try {
            int purged = policy.purgeExpired();
            if (purged > 0) {
                LOGGER.info("Greylisting: purged {} record(s) unseen for the record lifetime", purged);
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Greylist purge failed, retried in {}: {}", interval, e.toString());
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
