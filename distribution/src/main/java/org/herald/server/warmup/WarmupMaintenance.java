package org.herald.server.warmup;

import java.time.Duration;

import javax.annotation.PreDestroy;

import org.apache.james.lifecycle.api.Startable;
import org.herald.core.warmup.WarmupConfiguration;
import org.herald.core.warmup.WarmupService;
import org.herald.server.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says at start what warms up, and purges old warmup counters and deliveries every hour. */
public final class WarmupMaintenance implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.warmup");
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final WarmupService warmup;
    private final PeriodicTask purge;

    public WarmupMaintenance(WarmupService warmup) {
        this.warmup = warmup;
        this.purge = new PeriodicTask("herald-warmup-purge", "Warmup purge", PURGE_INTERVAL, this::purge, LOGGER);
    }

    public synchronized void start() {
        WarmupConfiguration configuration = warmup.configuration();
        if (!configuration.enabled()) {
            LOGGER.info("Warmup: switched off (conf/warmup.xml)");
        } else if (configuration.identities().isEmpty()) {
            LOGGER.info("Warmup: no identity warms up (conf/warmup.xml); PUT /warmup/identities/{id} starts one");
        } else {
            configuration.identities().forEach(identity -> LOGGER.info("Warmup: {} warms up on schedule {}{}", identity.identity(),
                identity.schedule(), identity.start().map(day -> " from " + day).orElse(" from its first mail")));
        }
        purge.start(PURGE_INTERVAL);
    }

    private void purge() {
        int purged = warmup.purge();
        if (purged > 0) {
            LOGGER.info("Warmup: purged {} old counter and delivery row(s)", purged);
        }
    }

    @PreDestroy
    public synchronized void stop() {
        purge.stop();
    }
}
