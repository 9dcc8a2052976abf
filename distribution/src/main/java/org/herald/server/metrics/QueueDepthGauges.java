package org.herald.server.metrics;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.herald.core.relay.RelaysConfiguration;

/**
 * Exports the depth of the spool and of each stream's outgoing queue as {@code herald_queue_depth_<queue>}
 * ({@code outgoing} for the default stream, {@code outgoing_bulk} for a stream named bulk; -1 if unreadable).
 */
public class QueueDepthGauges implements Startable {
    private static final String OUTGOING = "outgoing";

    private final MailQueueFactory<? extends ManageableMailQueue> queues;
    private final GaugeRegistry gauges;
    private final RelaysConfiguration relays;

    @Inject
    public QueueDepthGauges(MailQueueFactory<? extends ManageableMailQueue> queues, GaugeRegistry gauges, RelaysConfiguration relays) {
        this.queues = queues;
        this.gauges = gauges;
        this.relays = relays;
    }

    List<MailQueueName> gaugedQueues() {
        List<MailQueueName> names = new ArrayList<>(List.of(MailQueueFactory.SPOOL, MailQueueName.of(OUTGOING)));
        relays.streams().stream()
            .map(stream -> MailQueueName.of(relays.queueFor(stream.name(), OUTGOING)))
            .filter(name -> !names.contains(name))
            .forEach(names::add);
        return names;
    }

    public void start() {
        for (MailQueueName name : gaugedQueues()) {
            ManageableMailQueue queue = queues.createQueue(name);
            gauges.register("herald_queue_depth_" + name.asString().replace('-', '_'), () -> {
                try {
                    return queue.getSize();
                } catch (Exception e) {
                    return -1L;
                }
            });
        }
    }
}
