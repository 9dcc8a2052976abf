package org.herald.server.metrics;

import java.util.function.Function;

import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.metrics.api.GaugeRegistry;
import org.herald.core.dns.ResolverPool;
import org.herald.core.dns.ResolverStatus;

/**
 * Per resolver of conf/dns.xml, on /metrics: {@code herald_dns_queries_<resolver>} and
 * {@code herald_dns_failures_<resolver>} since start, {@code herald_dns_latency_ms_<resolver>} (moving average),
 * {@code herald_dns_resolver_up_<resolver>} (1 up, 0 down or being probed); and the cache:
 * {@code herald_dns_cache_size}, {@code herald_dns_cache_hits}, {@code herald_dns_cache_misses}. The resolver's
 * {@code address:port} with every other character as '_': {@code 127.0.0.1:5353} is {@code 127_0_0_1_5353}.
 */
public class DnsGauges implements Startable {
    private final ResolverPool pool;
    private final GaugeRegistry gauges;

    @Inject
    public DnsGauges(ResolverPool pool, GaugeRegistry gauges) {
        this.pool = pool;
        this.gauges = gauges;
    }

    public void start() {
        for (int i = 0; i < pool.resolvers().size(); i++) {
            int index = i;
            String suffix = pool.resolvers().get(i).metricName();
            register("herald_dns_queries_" + suffix, index, ResolverStatus::queries);
            register("herald_dns_failures_" + suffix, index, ResolverStatus::failures);
            register("herald_dns_latency_ms_" + suffix, index, ResolverStatus::latencyAverageMillis);
            register("herald_dns_resolver_up_" + suffix, index, status -> status.up() ? 1 : 0);
        }
        gauges.register("herald_dns_cache_size", () -> pool.cacheStats().size());
        gauges.register("herald_dns_cache_hits", () -> pool.cacheStats().hits());
        gauges.register("herald_dns_cache_misses", () -> pool.cacheStats().misses());
    }

    private <T> void register(String name, int index, Function<ResolverStatus, T> value) {
        gauges.register(name, () -> value.apply(pool.resolvers().get(index)));
    }
}
