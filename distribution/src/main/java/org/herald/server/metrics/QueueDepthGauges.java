package org.herald.server.metrics;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;

/** Exports the depth of the spool and outgoing queues as {@code herald_queue_depth_<queue>} (-1 if unreadable). */
public class QueueDepthGauges implements Startable {
    static final List<MailQueueName> GAUGED_QUEUES = List.of(MailQueueFactory.SPOOL, MailQueueName.of("outgoing"));

    private final MailQueueFactory<? extends ManageableMailQueue> queues;
    private final GaugeRegistry gauges;

    @Inject
    public QueueDepthGauges(MailQueueFactory<? extends ManageableMailQueue> queues, GaugeRegistry gauges) {
        this.queues = queues;
        this.gauges = gauges;
    }

    public void start() {
        for (MailQueueName name : GAUGED_QUEUES) {
            ManageableMailQueue queue = queues.createQueue(name);
            gauges.register("herald_queue_depth_" + name.asString(), () -> {
                try {
                    return queue.getSize();
                } catch (Exception e) {
                    return -1L;
                }
            });
        }
    }
}
