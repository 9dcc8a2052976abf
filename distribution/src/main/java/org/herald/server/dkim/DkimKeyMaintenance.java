package org.herald.server.dkim;

import java.time.Duration;

import javax.annotation.PreDestroy;

import org.apache.james.lifecycle.api.Startable;

import org.herald.core.dkim.keys.DkimKeyLifecycle;
import org.herald.server.PeriodicTask;
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
    private final PeriodicTask task;

    public DkimKeyMaintenance(DkimKeyLifecycle lifecycle, Duration interval) {
        this.lifecycle = lifecycle;
        this.interval = interval;
        this.task = new PeriodicTask("herald-dkim-keys", "DKIM key maintenance", interval, lifecycle::tick, LOGGER);
    }

    public synchronized void start() {
        int keys = lifecycle.verifySealing();
        LOGGER.info("DKIM: {} key(s) in the store; DNS checked every {}", keys, interval);
        task.start(interval);
    }

    @PreDestroy
    public synchronized void stop() {
        task.stop();
    }
}
