package org.herald.server.modules;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.webadmin.Routes;
import org.herald.core.breaker.BreakerState;
import org.herald.core.breaker.BreakerTransition;
import org.herald.core.breaker.DependencyBreaker;
import org.herald.core.dns.PtrLookup;
import org.herald.core.greylist.GreylistConfiguration;
import org.herald.core.greylist.GreylistGuard;
import org.herald.core.greylist.GreylistPolicy;
import org.herald.core.greylist.TripletRelease;
import org.herald.core.store.AutoWhitelistStore;
import org.herald.core.store.GreylistTripletStore;
import org.herald.core.store.GreylistWhitelistStore;
import org.herald.server.greylist.GreylistMaintenance;
import org.herald.store.HeraldDataSource;
import org.herald.store.JdbcAutoWhitelistStore;
import org.herald.store.JdbcGreylistTripletStore;
import org.herald.store.JdbcGreylistWhitelistStore;
import org.herald.webadmin.GreylistRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Greylisting (conf/greylist.xml): the stores, the policy, the guard the RCPT hook (org.herald.smtp.GreylistHook,
 * declared in smtpserver.xml) asks, its breaker, the purge task and the /greylist routes.
 */
public class HeraldGreylistModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.greylist");
    /** Decisions in flight at once; beyond that, and beyond the queue, a RCPT fails open at once. */
    private static final int WORKERS = 8;
    private static final int QUEUE = 64;

    private final GreylistConfiguration configuration;

    public HeraldGreylistModule(GreylistConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void configure() {
        bind(GreylistConfiguration.class).toInstance(configuration);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(GreylistRoutes.class);
    }

    @Provides
    @Singleton
    GreylistTripletStore triplets(HeraldDataSource store) {
        return new JdbcGreylistTripletStore(store);
    }

    @Provides
    @Singleton
    GreylistWhitelistStore whitelist(HeraldDataSource store) {
        return new JdbcGreylistWhitelistStore(store);
    }

    @Provides
    @Singleton
    AutoWhitelistStore autoWhitelist(HeraldDataSource store) {
        return new JdbcAutoWhitelistStore(store);
    }

    @Provides
    @Singleton
    GreylistPolicy policy(GreylistTripletStore triplets, GreylistWhitelistStore whitelist, AutoWhitelistStore autoWhitelist,
                          PtrLookup rdns, Clock clock) {
        return new GreylistPolicy(configuration, triplets, whitelist, autoWhitelist, rdns, clock);
    }

    @Provides
    @Singleton
    TripletRelease release(GreylistTripletStore triplets, Clock clock) {
        return new TripletRelease(configuration, triplets, clock);
    }

    @Provides
    @Singleton
    GreylistGuard guard(GreylistPolicy policy, Clock clock) {
        DependencyBreaker breaker = new DependencyBreaker("greylist", configuration.breaker(), clock, HeraldGreylistModule::log);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
            runnable -> {
                Thread thread = new Thread(runnable, "herald-greylist-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        return new GreylistGuard(policy::decide, configuration.decisionDeadline(), breaker, workers);
    }

    /** One line per breaker transition, never one per RCPT. */
    private static void log(BreakerTransition transition) {
        if (transition.to() == BreakerState.CLOSED) {
            LOGGER.info("Greylisting resumes: circuit breaker {} -> CLOSED: {}", transition.from(), transition.reason());
        } else {
            LOGGER.warn("Greylisting circuit breaker {} -> {} (mail is accepted without greylisting meanwhile): {}",
                transition.from(), transition.to(), transition.reason());
        }
    }

    @Provides
    @Singleton
    GreylistMaintenance maintenance(GreylistPolicy policy, GreylistGuard guard, GaugeRegistry gauges) {
        return new GreylistMaintenance(policy, guard, gauges, configuration.purgeInterval());
    }

    @ProvidesIntoSet
    InitializationOperation startMaintenance(GreylistMaintenance maintenance) {
        return InitilizationOperationBuilder
            .forClass(GreylistMaintenance.class)
            .init(maintenance::start);
    }
}
