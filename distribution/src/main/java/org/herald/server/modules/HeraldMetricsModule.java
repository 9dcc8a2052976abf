package org.herald.server.modules;

import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.dropwizard.MetricsRoutes;
import org.herald.server.metrics.QueueDepthGauges;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/** Prometheus text at WebAdmin's /metrics (James's Dropwizard registry, Herald's counters included) and queue gauges. */
public class HeraldMetricsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(QueueDepthGauges.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(MetricsRoutes.class);
    }

    @ProvidesIntoSet
    InitializationOperation queueDepthGauges(QueueDepthGauges gauges) {
        return InitilizationOperationBuilder
            .forClass(QueueDepthGauges.class)
            .init(gauges::start);
    }
}
