package org.herald.queue.james;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.queue.api.MailQueueName;
import org.herald.queue.engine.QueueEngine;

/**
 * Prometheus gauges for Herald's queues, per queue: oldest mail age, enqueued/dequeued totals, and the group
 * commit's batches, mean batch size and sync latency. Read at scrape time from the engine's own counters; a queue
 * not opened yet reads -1.
 */
public final class HeraldQueueMetrics implements Startable {
    public static final List<MailQueueName> OBSERVED = List.of(MailQueueName.of("spool"), MailQueueName.of("outgoing"),
        MailQueueName.of("local-downstream"));

    private final HeraldMailQueueFactory factory;
    private final GaugeRegistry gauges;

    public HeraldQueueMetrics(HeraldMailQueueFactory factory, GaugeRegistry gauges) {
        this.factory = factory;
        this.gauges = gauges;
    }

    public void start() {
        for (MailQueueName name : OBSERVED) {
            String suffix = "_" + name.asString().replace('-', '_');
            gauge("herald_queue_oldest_age_seconds" + suffix, name,
                engine -> engine.oldestAge().map(age -> age.toMillis() / 1000.0).orElse(0.0));
            gauge("herald_queue_enqueued" + suffix, name, engine -> engine.stats().enqueuedCount());
            gauge("herald_queue_dequeued" + suffix, name, engine -> engine.stats().dequeuedCount());
            gauge("herald_queue_deferred" + suffix, name, engine -> engine.stats().deferredCount());
            gauge("herald_queue_sync_batches" + suffix, name, engine -> engine.stats().batchCount());
            gauge("herald_queue_sync_batch_mean_size" + suffix, name, engine -> engine.stats().meanBatchSize());
            gauge("herald_queue_sync_latency_mean_ms" + suffix, name, engine -> engine.stats().meanSyncMillis());
            gauge("herald_queue_sync_latency_max_ms" + suffix, name, engine -> engine.stats().maxSyncNanos() / 1_000_000.0);
        }
    }

    private void gauge(String metric, MailQueueName queue, ToDoubleFunction<QueueEngine> reading) {
        gauges.register(metric, () -> factory.getQueue(queue)
            .map(open -> reading.applyAsDouble(open.engine()))
            .orElse(-1.0));
    }
}
