package org.herald.core.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * conf/dns.xml: the one DNS configuration of the server. Every lookup Herald makes (James's MX and address lookups for
 * delivery, DKIM keys, the key pre-check, SPF, reverse DNS) goes through the {@link ResolverPool} built from it.
 *
 * @param resolvers     asked healthiest first; empty means the system's (/etc/resolv.conf)
 * @param timeout       how long one query waits for one resolver
 * @param retries       further rounds over the resolvers that did not answer at all (timeout, network error)
 * @param lookupTimeout the whole budget of one lookup, over every resolver and retry: a lookup never waits longer
 * @param cache         the answer cache
 * @param health        when a resolver is marked down and how it comes back
 */
public record DnsConfiguration(List<InetSocketAddress> resolvers, Duration timeout, int retries, Duration lookupTimeout,
                               DnsCacheSettings cache, ResolverHealthSettings health) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RETRIES = 1;
    public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(10);
    public static final DnsConfiguration DEFAULT = new DnsConfiguration(List.of(), DEFAULT_TIMEOUT, DEFAULT_RETRIES);

    public DnsConfiguration {
        resolvers = List.copyOf(resolvers);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(lookupTimeout, "lookupTimeout");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(health, "health");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        if (timeout.isNegative() || timeout.isZero() || lookupTimeout.compareTo(timeout) < 0) {
            throw new IllegalArgumentException("timeout must be positive and lookupTimeout at least timeout: " + timeout + ", " + lookupTimeout);
        }
    }

    /** The form older files use (resolvers, timeout, retries): the rest at its defaults. */
    public DnsConfiguration(List<InetSocketAddress> resolvers, Duration timeout, int retries) {
        this(resolvers, timeout, retries, defaultLookupTimeout(timeout), DnsCacheSettings.DEFAULT, ResolverHealthSettings.DEFAULT);
    }

    /** 10s, or the per-query timeout if that is longer: one query must always fit in the budget. */
    public static Duration defaultLookupTimeout(Duration timeout) {
        return timeout.compareTo(DEFAULT_LOOKUP_TIMEOUT) > 0 ? timeout : DEFAULT_LOOKUP_TIMEOUT;
    }
}
