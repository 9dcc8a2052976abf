package org.herald.server.modules;

import java.time.Clock;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.herald.core.queue.QueueConfiguration;
import org.herald.queue.engine.QueueEngineOptions;
import org.herald.queue.james.HeraldQueueHealthCheck;
import org.herald.queue.james.HeraldQueueMetrics;
import org.herald.queue.james.HeraldMailQueueFactory;
import org.herald.server.layout.HeraldLayout;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/** Herald's own durable queues for the spool and delivery queues, under {@code <data>/queue}. */
public class HeraldQueueModule extends AbstractModule {
    private final HeraldLayout layout;
    private final QueueConfiguration configuration;

    public HeraldQueueModule(HeraldLayout layout, QueueConfiguration configuration) {
        this.layout = layout;
        this.configuration = configuration;
    }

    @Override
    protected void configure() {
        bind(QueueShutdown.class).asEagerSingleton();
        bind(QuarantineFiling.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(HeraldQueueHealthCheck.class);
    }

    @Provides
    @Singleton
    HeraldQueueHealthCheck healthCheck(HeraldMailQueueFactory factory) {
        return new HeraldQueueHealthCheck(factory, configuration.healthMaxDepth(), configuration.healthMaxOldestAge());
    }

    @Provides
    @Singleton
    HeraldQueueMetrics metrics(HeraldMailQueueFactory factory, GaugeRegistry gauges) {
        return new HeraldQueueMetrics(factory, gauges);
    }

    @ProvidesIntoSet
    InitializationOperation fileQuarantinedEntries(QuarantineFiling filing) {
        return InitilizationOperationBuilder
            .forClass(QuarantineFiling.class)
            .init(filing::start);
    }

    @ProvidesIntoSet
    InitializationOperation registerQueueMetrics(HeraldQueueMetrics metrics) {
        return InitilizationOperationBuilder
            .forClass(HeraldQueueMetrics.class)
            .init(metrics::start);
    }

    @Provides
    @Singleton
    HeraldMailQueueFactory factory(MailQueueItemDecoratorFactory decorators, Clock clock) {
        HeraldMailQueueFactory factory = new HeraldMailQueueFactory(layout.dataDirectory().resolve("queue"), decorators, clock,
            QueueEngineOptions.defaults().withClock(clock));
        factory.openExistingQueues();
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueueFactory(HeraldMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queueFactory(HeraldMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> genericQueueFactory(HeraldMailQueueFactory factory) {
        return factory;
    }

    /** Closes the engines at shutdown (writes what is submitted, releases the directories). */
    static class QueueShutdown {
        private final HeraldMailQueueFactory factory;

        @Inject
        QueueShutdown(HeraldMailQueueFactory factory) {
            this.factory = factory;
        }

        @PreDestroy
        void close() {
            factory.close();
        }
    }
}
