package org.herald.core.dns;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

/** The dnsjava resolver conf/dns.xml describes: its resolvers in order, with its timeout and retries. */
public final class DnsResolvers {
    private DnsResolvers() {
    }

    public static Resolver of(DnsConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        List<Resolver> resolvers = new ArrayList<>();
        List<InetSocketAddress> addresses = configuration.resolvers().isEmpty()
            ? ResolverConfig.getCurrentConfig().servers()
            : configuration.resolvers();
        for (InetSocketAddress address : addresses) {
            SimpleResolver simple = new SimpleResolver(address);
            simple.setTimeout(configuration.timeout());
            resolvers.add(simple);
        }
        ExtendedResolver extended = new ExtendedResolver(resolvers);
        extended.setTimeout(configuration.timeout());
        extended.setRetries(configuration.retries() + 1);
        extended.setLoadBalance(false);
        return extended;
    }
}
