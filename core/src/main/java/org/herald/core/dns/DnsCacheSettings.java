package org.herald.core.dns;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer cache of conf/dns.xml's {@code <cache>}. Positive answers live for their TTL (at most {@code maxTtl});
 * negative ones (NXDOMAIN, NODATA) for the SOA minimum of RFC 2308, at most {@code maxNegativeTtl}, so that a record an
 * operator has just published is seen soon even where the zone asks for hours of negative caching.
 *
 * @param maxEntries     answers kept, least recently used dropped first; 0 turns the cache off
 * @param maxTtl         the longest a positive answer is kept, whatever its TTL
 * @param maxNegativeTtl the longest a negative answer is kept; zero: never cached
 */
public record DnsCacheSettings(int maxEntries, Duration maxTtl, Duration maxNegativeTtl) {
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    public static final Duration DEFAULT_MAX_TTL = Duration.ofDays(1);
    public static final Duration DEFAULT_MAX_NEGATIVE_TTL = Duration.ofMinutes(5);
    public static final DnsCacheSettings DEFAULT = new DnsCacheSettings(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_TTL, DEFAULT_MAX_NEGATIVE_TTL);

    public DnsCacheSettings {
        Objects.requireNonNull(maxTtl, "maxTtl");
        Objects.requireNonNull(maxNegativeTtl, "maxNegativeTtl");
        if (maxEntries < 0 || maxTtl.isNegative() || maxNegativeTtl.isNegative()) {
            throw new IllegalArgumentException("invalid cache settings: maxEntries " + maxEntries + ", maxTtl " + maxTtl
                + ", maxNegativeTtl " + maxNegativeTtl);
        }
    }
}
