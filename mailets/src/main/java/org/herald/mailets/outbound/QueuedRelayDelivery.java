package org.herald.mailets.outbound;

import java.time.Clock;
import java.util.concurrent.Semaphore;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.herald.core.outbound.DeliveryPolicy;
import org.herald.core.relay.RetrySchedule;
import org.herald.queue.james.RecoveredMail;

/**
 * A failover chain of relays with a durable queue for what must wait. {@link #send} makes the first attempt at once,
 * on the caller's thread (with {@code immediateFirstAttempt}), and queues what that attempt leaves; or queues the mail
 * for the delivery workers ({@link OutboundDeliveryWorkers}) to attempt. Either way it returns once every recipient
 * is delivered, bounced or safely in the queue.
 *
 * <p>At most {@code threads} immediate attempts run at once: a mail arriving while they are all under way is queued
 * rather than made to wait, so a slow relay holds up that many spool threads at most, never the whole spool (and the
 * local mail behind it). Mail recovered from the spool after a restart always goes through the queue: before the
 * crash it may already have been moved there, and only the queue recognises that move (so it is neither queued nor
 * delivered twice).
 */
public final class QueuedRelayDelivery implements AutoCloseable {
    private final MailQueue queue;
    private final OutboundDeliveryWorkers workers;
    private final boolean immediateFirstAttempt;
    private final Semaphore immediateAttempts;
    private final Clock clock;

    public QueuedRelayDelivery(MailQueueFactory<?> queueFactory, String queueName, OutboundDeliveryWorkers.ChainResolver chains,
                               RelayConnections connections, int threads, boolean immediateFirstAttempt, RetrySchedule retry,
                               MailetContext mailetContext, String bounceProcessor, OutboundCounters counters, WarmupGate warmup,
                               Clock clock) {
        this.immediateFirstAttempt = immediateFirstAttempt;
        this.immediateAttempts = new Semaphore(threads);
        this.clock = clock;
        this.queue = queueFactory.createQueue(MailQueueName.of(queueName));
        this.workers = new OutboundDeliveryWorkers(queue, chains, connections, new DeliveryPolicy(retry), mailetContext,
            bounceProcessor, threads, counters, warmup, clock);
    }

    /** Delivers or queues the mail; the caller's copy is then done with (James: state GHOST). */
    public void send(Mail mail) throws MailQueue.MailQueueException {
        OutboundDeliveryWorkers.markQueued(mail, clock);
        if (immediateFirstAttempt && !RecoveredMail.isRecovered(mail) && immediateAttempts.tryAcquire()) {
            try {
                workers.deliverNow(mail);
            } finally {
                immediateAttempts.release();
            }
        } else {
            queue.enQueue(mail);
        }
        mail.setState(Mail.GHOST);
    }

    @Override
    public void close() {
        workers.close();
    }
}
