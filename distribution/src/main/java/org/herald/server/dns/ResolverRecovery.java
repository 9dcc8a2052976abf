package org.herald.server.dns;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;

import org.apache.james.lifecycle.api.Startable;
import org.herald.core.dns.ResolverPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pool's recovery checks every second: a down resolver is probed as soon as its recovery interval
 * (conf/dns.xml {@code <health recoveryInterval>}) is over, on this thread rather than on a lookup's time.
 */
public final class ResolverRecovery implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.dns");
    private static final long TICK_MILLIS = 1000;

    private final ResolverPool pool;
    private ScheduledExecutorService scheduler;

    public ResolverRecovery(ResolverPool pool) {
        this.pool = pool;
    }

    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "herald-dns-recovery");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            pool.recoveryCheck();
        } catch (RuntimeException e) {
            LOGGER.warn("DNS resolver recovery check failed, tried again in {} ms: {}", TICK_MILLIS, e.toString());
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
