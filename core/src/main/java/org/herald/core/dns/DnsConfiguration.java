package org.herald.core.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * conf/dns.xml: the resolvers Herald's own lookups go through (DKIM keys, the key pre-check, SPF).
 *
 * @param resolvers tried in order; empty means the system's (/etc/resolv.conf)
 * @param timeout   per query and resolver
 * @param retries   further attempts after a timeout
 */
public record DnsConfiguration(List<InetSocketAddress> resolvers, Duration timeout, int retries) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RETRIES = 1;
    public static final DnsConfiguration DEFAULT = new DnsConfiguration(List.of(), DEFAULT_TIMEOUT, DEFAULT_RETRIES);

    public DnsConfiguration {
        resolvers = List.copyOf(resolvers);
        Objects.requireNonNull(timeout, "timeout");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }
}
