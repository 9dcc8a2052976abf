package org.herald.server.warmup;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.herald.core.warmup.ProviderThrottle;
import org.herald.core.warmup.WarmupObserver;
import org.herald.core.warmup.WarmupService;
import org.herald.core.warmup.WarmupStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warmup's logs and metrics. Counters per identity × provider: {@code herald_warmup_sent_<identity>_<provider>} and
 * {@code herald_warmup_deferred_<identity>_<provider>}; gauges, registered when a pair is first seen, read from the
 * store at each scrape: {@code herald_warmup_limit_…} (-1: none), {@code herald_warmup_bounce_rate_percent_…},
 * {@code herald_warmup_complaint_rate_percent_…}, {@code herald_warmup_throttled_…} (1 throttled); and
 * {@code herald_warmup_throttled} / {@code herald_warmup_recovered} counting throttle alerts. A throttle is an alert:
 * logged at WARN with its reason.
 */
public final class WarmupAlerts implements WarmupObserver {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.warmup");

    private final MetricFactory metrics;
    private final GaugeRegistry gauges;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile WarmupService service;

    public WarmupAlerts(MetricFactory metrics, GaugeRegistry gauges) {
        this.metrics = metrics;
        this.gauges = gauges;
    }

    /** The service the gauges read; it is built with this observer, so it comes after. */
    public void readFrom(WarmupService warmupService) {
        this.service = warmupService;
    }

    @Override
    public void sent(String identity, String provider, long recipients) {
        metrics.generate("herald_warmup_sent_" + key(identity, provider)).add((int) recipients);
        registerGauges(identity, provider);
    }

    @Override
    public void deferred(String identity, String provider, long recipients) {
        metrics.generate("herald_warmup_deferred_" + key(identity, provider)).add((int) recipients);
        registerGauges(identity, provider);
    }

    @Override
    public void throttled(ProviderThrottle throttle) {
        metrics.generate("herald_warmup_throttled").increment();
        LOGGER.warn("WARMUP THROTTLED: {} at {}: {}; its limit there is cut and its schedule held until the window is healthy "
            + "(or POST /warmup/identities/{}/reset-throttle)", throttle.identity(), throttle.provider(), throttle.reason(),
            throttle.identity());
    }

    @Override
    public void recovered(String identity, String provider, String how) {
        metrics.generate("herald_warmup_recovered").increment();
        LOGGER.info("Warmup: {} at {} is no longer throttled: {}", identity, provider, how);
    }

    @Override
    public void advanced(String identity, int step, boolean warm) {
        LOGGER.info(warm ? "Warmup: {} is warm: full volume" : "Warmup: {} moved to step {}", identity, step);
    }

    private void registerGauges(String identity, String provider) {
        String key = key(identity, provider);
        if (!registered.add(key)) {
            return;
        }
        gauges.register("herald_warmup_limit_" + key, () -> provider(identity, provider)
            .map(status -> status.limit().orElse(-1)).orElse(-1L));
        gauges.register("herald_warmup_bounce_rate_percent_" + key, () -> provider(identity, provider)
            .map(status -> status.window().bounceRate() * 100).orElse(0.0));
        gauges.register("herald_warmup_complaint_rate_percent_" + key, () -> provider(identity, provider)
            .map(status -> status.window().complaintRate() * 100).orElse(0.0));
        gauges.register("herald_warmup_throttled_" + key, () -> provider(identity, provider)
            .map(status -> status.throttle().isPresent() ? 1 : 0).orElse(0));
    }

    private java.util.Optional<WarmupStatus.Provider> provider(String identity, String provider) {
        WarmupService current = service;
        if (current == null) {
            return java.util.Optional.empty();
        }
        try {
            return current.status(identity).flatMap(status -> status.providers().stream()
                .filter(candidate -> candidate.provider().equals(provider)).findFirst());
        } catch (RuntimeException e) {
            // A scrape while the store is down shows nothing rather than failing the whole /metrics page.
            return java.util.Optional.empty();
        }
    }

    private static String key(String identity, String provider) {
        return (identity + "_" + provider).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
