package org.herald.server.modules;

import java.time.Clock;

import com.google.inject.name.Named;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.webadmin.Routes;
import org.herald.core.breaker.BreakerState;
import org.herald.core.breaker.BreakerTransition;
import org.herald.core.config.DurationText;
import org.herald.core.dns.CachePolicy;
import org.herald.core.dns.DnsConfiguration;
import org.herald.core.dns.DnsJavaPtrLookup;
import org.herald.core.dns.DnsJavaTxtLookup;
import org.herald.core.dns.PoolResolver;
import org.herald.core.dns.PtrLookup;
import org.herald.core.dns.RecordLookup;
import org.herald.core.dns.ResolverPool;
import org.herald.core.dns.ResolverStatus;
import org.herald.core.dns.TxtLookup;
import org.herald.core.spf.SpfVerifier;
import org.herald.server.dns.PooledDnsService;
import org.herald.server.dns.ResolverRecovery;
import org.herald.server.metrics.DnsGauges;
import org.herald.webadmin.DnsRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Herald's DNS, the server's only one (conf/dns.xml): the resolver pool and everything that resolves through it —
 * James's {@link DNSService} (delivery's MX and address lookups; James's own DNSJavaService is not installed, see
 * {@link org.herald.server.dns.JamesWithoutItsDns}), TXT lookups (cached for DKIM verification, fresh for the key
 * pre-check), PTR lookups, SPF — plus recovery checks, {@code GET /dns} and the {@code herald_dns_*} gauges.
 */
public class HeraldDnsModule extends AbstractModule {
    /** The {@link TxtLookup} that never answers from the cache: the DKIM key pre-check's. */
    public static final String FRESH_TXT = "herald.dns.fresh-txt";
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.dns");

    private final DnsConfiguration configuration;

    public HeraldDnsModule(DnsConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void configure() {
        bind(DnsConfiguration.class).toInstance(configuration);
        bind(PooledDnsService.class).in(Scopes.SINGLETON);
        bind(DNSService.class).to(PooledDnsService.class);
        bind(DnsGauges.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DnsRoutes.class);
    }

    @Provides
    @Singleton
    ResolverPool pool(Clock clock) {
        ResolverPool pool = ResolverPool.create(configuration, clock, HeraldDnsModule::log);
        LOGGER.info("DNS: resolvers {} ({}), timeout {} per query, lookup budget {}, cache of {} answers",
            pool.resolvers().stream().map(ResolverStatus::name).toList(),
            configuration.resolvers().isEmpty() ? "from /etc/resolv.conf" : "conf/dns.xml",
            DurationText.format(configuration.timeout()), DurationText.format(configuration.lookupTimeout()),
            configuration.cache().maxEntries());
        return pool;
    }

    /** One line per resolver marked down or back up, never one per lookup. */
    private static void log(BreakerTransition transition) {
        if (transition.to() == BreakerState.CLOSED) {
            LOGGER.info("{} is up again: {}", transition.dependency(), transition.reason());
        } else if (transition.to() == BreakerState.OPEN) {
            LOGGER.warn("{} marked down: {}", transition.dependency(), transition.reason());
        } else {
            LOGGER.info("{}: {} -> {}: {}", transition.dependency(), transition.from(), transition.to(), transition.reason());
        }
    }

    @Provides
    @Singleton
    RecordLookup recordLookup(ResolverPool pool) {
        return pool;
    }

    @Provides
    @Singleton
    PoolResolver dnsjavaResolver(ResolverPool pool) {
        return new PoolResolver(pool, configuration.lookupTimeout());
    }

    /** Cached: DKIM verification of inbound mail. */
    @Provides
    @Singleton
    TxtLookup txtLookup(ResolverPool pool) {
        return new DnsJavaTxtLookup(pool, CachePolicy.USE);
    }

    @Provides
    @Singleton
    @Named(FRESH_TXT)
    TxtLookup freshTxtLookup(ResolverPool pool) {
        return new DnsJavaTxtLookup(pool, CachePolicy.BYPASS);
    }

    @Provides
    @Singleton
    PtrLookup ptrLookup(ResolverPool pool) {
        return new DnsJavaPtrLookup(pool);
    }

    @Provides
    @Singleton
    SpfVerifier spfVerifier(PoolResolver resolver) {
        return new SpfVerifier(resolver);
    }

    @Provides
    @Singleton
    ResolverRecovery recovery(ResolverPool pool) {
        return new ResolverRecovery(pool);
    }

    /**
     * Starts the recovery checks, and makes the pool dnsjava's default resolver too (James's DNSJavaService did the
     * same with its resolver): a library that runs a plain {@code new Lookup(...)} (jSPF does) resolves through
     * conf/dns.xml, not /etc/resolv.conf. dnsjava's default cache is given no room, so that answers are cached once, in
     * the pool's cache with conf/dns.xml's caps (dnsjava's would keep NXDOMAIN for up to 3 hours).
     */
    @ProvidesIntoSet
    InitializationOperation startDns(ResolverRecovery recovery, PoolResolver resolver) {
        return InitilizationOperationBuilder
            .forClass(ResolverRecovery.class)
            .init(() -> {
                Lookup.setDefaultResolver(resolver);
                Cache noCache = new Cache(DClass.IN);
                noCache.setMaxEntries(0);
                Lookup.setDefaultCache(noCache, DClass.IN);
                recovery.start();
            });
    }

    @ProvidesIntoSet
    InitializationOperation dnsGauges(DnsGauges gauges) {
        return InitilizationOperationBuilder
            .forClass(DnsGauges.class)
            .init(gauges::start);
    }
}
