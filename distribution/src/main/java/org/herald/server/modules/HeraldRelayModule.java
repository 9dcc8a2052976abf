package org.herald.server.modules;

import java.time.Clock;

import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.webadmin.Routes;
import org.herald.core.breaker.BreakerState;
import org.herald.core.breaker.BreakerTransition;
import org.herald.core.relay.RelayRegistry;
import org.herald.core.relay.RelaysConfiguration;
import org.herald.server.metrics.RelayGauges;
import org.herald.webadmin.RelaysRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/** The relays of conf/relays.xml as they run (breakers, counters), their WebAdmin routes and their gauges. */
public class HeraldRelayModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.relays");

    @Override
    protected void configure() {
        bind(RelayGauges.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(RelaysRoutes.class);
    }

    @Provides
    @Singleton
    RelayRegistry relayRegistry(RelaysConfiguration configuration, Clock clock) {
        return new RelayRegistry(configuration, clock, HeraldRelayModule::log);
    }

    /** One line per breaker transition, never one per mail. */
    private static void log(BreakerTransition transition) {
        if (transition.to() == BreakerState.CLOSED) {
            LOGGER.info("Relay {}: circuit breaker {} -> CLOSED: {}", transition.dependency(), transition.from(), transition.reason());
        } else {
            LOGGER.warn("Relay {}: circuit breaker {} -> {}: {}", transition.dependency(), transition.from(), transition.to(), transition.reason());
        }
    }

    @ProvidesIntoSet
    InitializationOperation relayGauges(RelayGauges gauges) {
        return InitilizationOperationBuilder
            .forClass(RelayGauges.class)
            .init(gauges::start);
    }
}
