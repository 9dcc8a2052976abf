package org.herald.mailets.outbound;

import java.time.Clock;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.herald.core.outbound.DeliveryPolicy;
import org.herald.core.relay.RetrySchedule;

/**
 * A durable queue drained through a failover chain of relays: {@link #enqueue} returns once the mail is safely in the
 * queue, and delivery workers take it from there ({@link OutboundDeliveryWorkers}).
 */
public final class QueuedRelayDelivery implements AutoCloseable {
    private final MailQueue queue;
    private final OutboundDeliveryWorkers workers;
    private final Clock clock;

    public QueuedRelayDelivery(MailQueueFactory<?> queueFactory, String queueName, OutboundDeliveryWorkers.ChainResolver chains,
                               RelayConnections connections, int threads, RetrySchedule retry, MailetContext mailetContext,
                               String bounceProcessor, OutboundCounters counters, WarmupGate warmup, Clock clock) {
        this.clock = clock;
        this.queue = queueFactory.createQueue(MailQueueName.of(queueName));
        this.workers = new OutboundDeliveryWorkers(queue, chains, connections, new DeliveryPolicy(retry), mailetContext,
            bounceProcessor, threads, counters, warmup, clock);
    }

    /** Queues the mail for delivery; the caller's copy is then done with (James: state GHOST). */
    public void enqueue(Mail mail) throws MailQueue.MailQueueException {
        OutboundDeliveryWorkers.markQueued(mail, clock);
        queue.enQueue(mail);
        mail.setState(Mail.GHOST);
    }

    @Override
    public void close() {
        workers.close();
    }
}
