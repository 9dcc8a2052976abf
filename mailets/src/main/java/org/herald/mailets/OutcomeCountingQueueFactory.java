package org.herald.mailets;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.metrics.api.Metric;
import org.apache.james.queue.api.MailQueue;
import org.herald.mailets.outbound.OutboundCounters;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;

/**
 * Wraps the queue a James RemoteDelivery works from to count what became of each attempt:
 * delivered, deferred (put back with a delay) or bounced. The outcome is read when the attempt completes, from what
 * RemoteDelivery already records on the mail, so counting adds no I/O to delivery.
 */
final class OutcomeCountingQueueFactory implements MailQueueFactory<MailQueue> {
    /** Set by James's DeliveryRunnable on every failed attempt: true when permanent, false when temporary. */
    private static final AttributeName PERMANENT_ERROR = AttributeName.of("is-delivery-permanent-error");

    private final MailQueueFactory<?> delegate;
    private final Metric delivered;
    private final Metric deferred;
    private final Metric bounced;

    OutcomeCountingQueueFactory(MailQueueFactory<?> delegate, OutboundCounters counters) {
        this.delegate = delegate;
        this.delivered = counters.delivered();
        this.deferred = counters.deferred();
        this.bounced = counters.bounced();
    }

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return delegate.getQueue(name, count).map(CountingQueue::new);
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return new CountingQueue(delegate.createQueue(name, count));
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return delegate.listCreatedMailQueues();
    }

    private final class CountingQueue implements MailQueue {
        private final MailQueue queue;
        private final Set<String> deferredInCurrentAttempt = ConcurrentHashMap.newKeySet();

        private CountingQueue(MailQueue queue) {
            this.queue = queue;
        }

        @Override
        public MailQueueName getName() {
            return queue.getName();
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            queue.enQueue(mail, delay);
            if (!delay.isZero() && !delay.isNegative()) {
                deferredInCurrentAttempt.add(mail.getName());
                deferred.increment();
            }
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            queue.enQueue(mail);
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return queue.enqueueReactive(mail);
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return Flux.from(queue.deQueue()).map(CountingItem::new);
        }

        @Override
        public void close() throws IOException {
            queue.close();
        }

        private final class CountingItem implements MailQueueItem {
            private final MailQueueItem item;

            private CountingItem(MailQueueItem item) {
                this.item = item;
                // The attribute survives in the queue from an earlier failed attempt; clear it so that what we read
                // at done() describes this attempt only (RemoteDelivery sets it on failure, never on success).
                item.getMail().removeAttribute(PERMANENT_ERROR);
            }

            @Override
            public Mail getMail() {
                return item.getMail();
            }

            @Override
            public void done(CompletionStatus status) throws MailQueueException {
                item.done(status);
                if (status == CompletionStatus.SUCCESS) {
                    countOutcome(item.getMail());
                }
            }

            private void countOutcome(Mail mail) {
                boolean wasDeferred = deferredInCurrentAttempt.remove(mail.getName());
                Optional<Boolean> permanentError = mail.getAttribute(PERMANENT_ERROR)
                    .flatMap(attribute -> attribute.getValue().valueAs(Boolean.class));
                if (permanentError.isEmpty()) {
                    delivered.increment();
                } else if (!wasDeferred) {
                    bounced.increment();
                }
            }
        }
    }
}
