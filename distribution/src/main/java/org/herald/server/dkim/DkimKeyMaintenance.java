package org.herald.server.dkim;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;

import org.apache.james.lifecycle.api.Startable;

import org.herald.core.dkim.keys.DkimKeyLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the key lifecycle's periodic pass: pending keys whose record has appeared in DNS are activated, retiring keys
 * whose overlap is over are retired. A pass that fails (store or DNS down) is logged and tried again at the next
 * interval; it never stops the schedule.
 */
public final class DkimKeyMaintenance implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.dkim");

    private final DkimKeyLifecycle lifecycle;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public DkimKeyMaintenance(DkimKeyLifecycle lifecycle, Duration interval) {
        this.lifecycle = lifecycle;
        this.interval = interval;
    }

    public synchronized void start() {
        int keys = lifecycle.verifySealing();
        LOGGER.info("DKIM: {} key(s) in the store; DNS checked every {}", keys, interval);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "herald-dkim-keys");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            lifecycle.tick();
        } catch (RuntimeException e) {
            LOGGER.warn("DKIM key maintenance failed, retried in {}: {}", interval, e.toString());
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
