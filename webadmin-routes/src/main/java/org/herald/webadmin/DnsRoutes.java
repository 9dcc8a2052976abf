package org.herald.webadmin;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.herald.core.config.DurationText;
import org.herald.core.dns.DnsCacheStats;
import org.herald.core.dns.DnsConfiguration;
import org.herald.core.dns.ResolverPool;
import org.herald.core.dns.ResolverStatus;

import spark.Service;

/**
 * Herald's DNS as it runs (conf/dns.xml): {@code GET /dns} gives each resolver's state (up or down, since when and
 * why, when it will next be probed), its counters, latency and last error, and the cache's size and hit counts. What
 * an operator looks at when lookups fail or are slow.
 */
public class DnsRoutes implements Routes {
    public static final String BASE_PATH = "/dns";

    private final ResolverPool pool;
    private final JsonTransformer jsonTransformer;

    @Inject
    public DnsRoutes(ResolverPool pool, JsonTransformer jsonTransformer) {
        this.pool = pool;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> DnsDto.from(pool), jsonTransformer);
    }

    public record ErrorDto(String message, String at) {
    }

    public record ResolverDto(String address, boolean up, String state, String since, String reason, String downUntil,
                              long queries, long failures, int consecutiveFailures, double latencyAverageMs, ErrorDto lastError) {
        static ResolverDto from(ResolverStatus status) {
            return new ResolverDto(status.name(), status.up(), status.state().name(), status.since().toString(), status.reason(),
                status.downUntil().map(Object::toString).orElse(null), status.queries(), status.failures(),
                status.consecutiveFailures(), Math.round(status.latencyAverageMillis() * 10) / 10.0,
                status.lastError().map(error -> new ErrorDto(error.message(), error.at().toString())).orElse(null));
        }
    }

    public record CacheDto(int size, int maxEntries, long hits, long misses, long evictions) {
        static CacheDto from(DnsCacheStats stats) {
            return new CacheDto(stats.size(), stats.maxEntries(), stats.hits(), stats.misses(), stats.evictions());
        }
    }

    public record DnsDto(String timeout, int retries, String lookupTimeout, List<ResolverDto> resolvers, CacheDto cache) {
        static DnsDto from(ResolverPool pool) {
            DnsConfiguration configuration = pool.configuration();
            return new DnsDto(DurationText.format(configuration.timeout()), configuration.retries(), DurationText.format(configuration.lookupTimeout()),
                pool.resolvers().stream().map(ResolverDto::from).toList(), CacheDto.from(pool.cacheStats()));
        }
    }
}
