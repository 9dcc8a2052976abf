package org.herald.server;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * Herald's background passes (key maintenance, purges, the daily DMARC reports): one daemon thread named after the
 * task, a pass every interval after the previous one ends. A failing pass is logged and the next one still runs: a
 * store or DNS outage must never stop the schedule.
 */
public final class PeriodicTask {
    private final String threadName;
    private final String description;
    private final Duration interval;
    private final Runnable pass;
    private final Logger logger;
    private ScheduledExecutorService scheduler;

    /** @param description what the pass does, for the log line of a failure ("DMARC report run") */
    public PeriodicTask(String threadName, String description, Duration interval, Runnable pass, Logger logger) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.description = Objects.requireNonNull(description, "description");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.pass = Objects.requireNonNull(pass, "pass");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    /** @param firstDelay until the first pass (the following ones come every interval) */
    public synchronized void start(Duration firstDelay) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runPass, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runPass() {
        try {
            pass.run();
        } catch (RuntimeException e) {
            logger.warn("{} failed, tried again in {}: {}", description, interval, e.toString());
        }
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
