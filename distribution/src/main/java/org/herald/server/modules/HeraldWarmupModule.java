package org.herald.server.modules;

import java.time.Clock;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.webadmin.Routes;
import org.herald.core.store.WarmupCounterStore;
import org.herald.core.store.WarmupDeliveryLog;
import org.herald.core.store.WarmupStateStore;
import org.herald.core.warmup.WarmupConfiguration;
import org.herald.core.warmup.WarmupService;
import org.herald.mailets.outbound.WarmupGate;
import org.herald.server.warmup.WarmupAlerts;
import org.herald.server.warmup.WarmupMaintenance;
import org.herald.store.HeraldDataSource;
import org.herald.store.JdbcWarmupCounterStore;
import org.herald.store.JdbcWarmupDeliveryLog;
import org.herald.store.JdbcWarmupStateStore;
import org.herald.webadmin.WarmupRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * IP warmup (conf/warmup.xml): the stores, the service, the gate SmarthostDelivery's workers ask before each delivery,
 * the /warmup routes, alerts and metrics, and the hourly purge of old counters and deliveries.
 */
public class HeraldWarmupModule extends AbstractModule {
    private final WarmupConfiguration configuration;

    public HeraldWarmupModule(WarmupConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void configure() {
        bind(WarmupConfiguration.class).toInstance(configuration);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(WarmupRoutes.class);
    }

    @Provides
    @Singleton
    WarmupStateStore states(HeraldDataSource store) {
        return new JdbcWarmupStateStore(store);
    }

    @Provides
    @Singleton
    WarmupCounterStore counters(HeraldDataSource store) {
        return new JdbcWarmupCounterStore(store);
    }

    @Provides
    @Singleton
    WarmupDeliveryLog deliveries(HeraldDataSource store) {
        return new JdbcWarmupDeliveryLog(store);
    }

    @Provides
    @Singleton
    WarmupAlerts alerts(MetricFactory metrics, GaugeRegistry gauges) {
        return new WarmupAlerts(metrics, gauges);
    }

    @Provides
    @Singleton
    WarmupService warmup(WarmupStateStore states, WarmupCounterStore counters, WarmupDeliveryLog deliveries, WarmupAlerts alerts,
                         Clock clock) {
        WarmupService service = new WarmupService(configuration, states, counters, deliveries, clock, alerts);
        alerts.readFrom(service);
        return service;
    }

    @Provides
    @Singleton
    WarmupGate gate(WarmupService warmup, Clock clock) {
        return new WarmupGate(warmup, configuration.providers(), clock);
    }

    @Provides
    @Singleton
    WarmupMaintenance maintenance(WarmupService warmup) {
        return new WarmupMaintenance(warmup);
    }

    @ProvidesIntoSet
    InitializationOperation startMaintenance(WarmupMaintenance maintenance) {
        return InitilizationOperationBuilder
            .forClass(WarmupMaintenance.class)
            .init(maintenance::start);
    }
}
