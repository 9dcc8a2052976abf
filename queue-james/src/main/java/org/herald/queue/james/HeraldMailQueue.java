package org.herald.queue.james;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.herald.queue.engine.QueueEngine;
import org.herald.queue.engine.QueueEntry;
import org.herald.queue.engine.QueueEnvelope;
import org.herald.queue.engine.RecoveryReport;
import org.herald.queue.james.EngineBodySource.StoredBody;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One James mail queue over one {@link QueueEngine}. Enqueue returns once the mail is durable (group-committed);
 * dequeue leases due entries in next-attempt order, so deferred mail never stands in front of fresh mail.
 *
 * <p>James re-queues a mail it is working on by enqueuing the same mail and then acknowledging the old item
 * (RemoteDelivery's retry, the spooler's error retry). When the mail is one this queue leased and its body is
 * unchanged, that enqueue becomes a single deferral of the leased entry (one small journal record, no body rewrite)
 * and the acknowledgement that follows is a no-op: there is no moment at which two copies exist, so a crash cannot
 * duplicate it.
 */
public final class HeraldMailQueue implements ManageableMailQueue {
    private static final Duration TAKE_TIMEOUT = Duration.ofMillis(500);
    static final Duration LEASE_TIMEOUT = Duration.ofHours(1);
    private static final Duration LEASE_CHECK_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOGGER = LoggerFactory.getLogger(HeraldMailQueue.class);
    /** After a processing failure (RETRY), or when even error handling failed (REJECT): try again, never drop. */
    static final Duration RETRY_BACKOFF = Duration.ofSeconds(5);
    static final Duration REJECT_BACKOFF = Duration.ofMinutes(1);

    private final MailQueueName name;
    private final QueueEngine engine;
    private final MailQueueItemDecoratorFactory decorators;
    private final Clock clock;
    /** The factory's engines by directory name: where a body this queue can share may live. */
    private final Function<String, Optional<QueueEngine>> enginesByDirectory;
    private final ConcurrentHashMap<String, HeraldMailQueueItem> leasedByMailName = new ConcurrentHashMap<>();
    private final Scheduler dequeueScheduler;
    private final Flux<MailQueueItem> dequeue;
    private volatile boolean closed;
    /** Only the dequeue thread reads and writes it. */
    private Instant nextLeaseCheck = Instant.MIN;

    HeraldMailQueue(MailQueueName name, QueueEngine engine, MailQueueItemDecoratorFactory decorators, Clock clock,
                    Function<String, Optional<QueueEngine>> enginesByDirectory) {
        this.name = name;
        this.enginesByDirectory = enginesByDirectory;
        this.engine = engine;
        this.decorators = decorators;
        this.clock = clock;
        this.dequeueScheduler = Schedulers.newSingle("herald-queue-" + name.asString());
        this.dequeue = Mono.fromCallable(this::takeUnlessStopping)
            .repeat(() -> !closed)
            .subscribeOn(dequeueScheduler)
            .<QueueEntry>handle((entry, sink) -> entry.ifPresent(sink::next))
            .map(this::lease)
            .<MailQueueItem>map(item -> decorators.decorate(item, name))
            .share();
    }

    /**
     * A delivery holds its mail for minutes at most (SMTP timeouts); a lease older than {@link #LEASE_TIMEOUT} belongs
     * to a consumer that died or hung, and its mail is handed back rather than kept until the next restart.
     */
    private void expireStuckLeasesNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextLeaseCheck)) {
            return;
        }
        nextLeaseCheck = now.plus(LEASE_CHECK_INTERVAL);
        int expired = engine.expireLeases(LEASE_TIMEOUT);
        if (expired > 0) {
            LOGGER.warn("Mail queue {}: {} mails held by a consumer for over {} were handed back to the queue (the consumer"
                + " died or hung); a mail it was still sending may be delivered twice", name.asString(), expired, LEASE_TIMEOUT);
        }
    }

    /** The next due entry; nothing when interrupted, which is how shutting the queue down stops a waiting take. */
    private Optional<QueueEntry> takeUnlessStopping() {
        expireStuckLeasesNowAndThen();
        try {
            return engine.take(TAKE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    QueueEngine engine() {
        return engine;
    }

    /** What the engine found when it opened this queue: entries recovered, damaged ones quarantined. */
    public RecoveryReport recoveryReport() {
        return engine.recoveryReport();
    }

    @Override
    public MailQueueName getName() {
        return name;
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        Instant now = clock.instant();
        Instant due = delay.isNegative() ? now : saturatedPlus(now, delay);
        Optional<HeraldMailQueueItem> leased = leasedUnchanged(mail);
        try {
            if (leased.isPresent()) {
                leased.get().endByDeferral(due, envelope -> MailEnvelopes.updated(envelope, mail));
                return;
            }
            MimeMessage message = mail.getMessage();
            QueueMoves.markDeduplicationKey(mail);
            QueueEnvelope envelope = MailEnvelopes.toEnvelope(mail, now, due);
            MimeMessage body = message;
            QueueEnvelope sharingEnvelope = envelope;
            if (message instanceof HeaderPrefixedMessage prefixed && !prefixed.isModified()) {
                // Signed on its way from another queue: the fields go into the envelope, the body stays shared.
                body = prefixed.original();
                sharingEnvelope = MailEnvelopes.withHeaderFields(envelope, prefixed.headerFields());
            }
            Optional<StoredBody> stored = unchangedStoredBody(body);
            if (stored.isPresent()) {
                Optional<QueueEngine> source = enginesByDirectory.apply(stored.get().queueDirectory());
                if (source.isPresent()) {
                    engine.enqueueSharingBody(sharingEnvelope, source.get(), stored.get().entryId());
                    return;
                }
            }
            engine.enqueue(envelope, out -> writeMessage(message, out));
        } catch (IOException | MessagingException e) {
            throw new MailQueueException("Cannot enqueue mail " + mail.getName() + " in queue " + name.asString(), e);
        }
    }

    /**
     * The queued body this message still is, byte for byte (moving from the spool to the outgoing queue, typically):
     * then the new entry shares that body file instead of writing it again.
     */
    private static Optional<StoredBody> unchangedStoredBody(MimeMessage message) {
        if (message instanceof MimeMessageWrapper wrapper && !wrapper.isModified()) {
            return EngineBodySource.storedBody(wrapper.getSourceId());
        }
        return Optional.empty();
    }

    /**
     * Streams the message as James would hand it on: from its spooled source when only headers changed, with headers
     * in their received order. (MimeMessage.writeTo would call saveChanges() and move MIME-Version to the top.)
     */
    private static void writeMessage(MimeMessage message, OutputStream out) throws IOException {
        try (InputStream in = new MimeMessageInputStream(message)) {
            in.transferTo(out);
        } catch (MessagingException e) {
            throw new IOException("Cannot write the message: " + e.getMessage(), e);
        }
    }

    private static Instant saturatedPlus(Instant now, Duration delay) {
        try {
            return now.plus(delay);
        } catch (ArithmeticException | DateTimeException e) {
            return Instant.MAX;
        }
    }

    /** The leased item carrying this very mail, when its stored body is still exactly the mail's message. */
    private Optional<HeraldMailQueueItem> leasedUnchanged(Mail mail) throws MailQueueException {
        HeraldMailQueueItem item = leasedByMailName.get(mail.getName());
        if (item == null) {
            return Optional.empty();
        }
        try {
            MimeMessage message = mail.getMessage();
            if (message instanceof MimeMessageWrapper wrapper && !wrapper.isModified()
                && item.isBackedBy(wrapper)) {
                return Optional.of(item);
            }
            return Optional.empty();
        } catch (MessagingException e) {
            throw new MailQueueException("Cannot read mail " + mail.getName(), e);
        }
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        enQueue(mail, Duration.ZERO);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return Mono.<Void>fromRunnable(() -> {
            try {
                enQueue(mail);
            } catch (MailQueueException e) {
                throw new IllegalStateException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return dequeue;
    }

    private HeraldMailQueueItem lease(QueueEntry entry) {
        HeraldMailQueueItem item = new HeraldMailQueueItem(this, entry);
        leasedByMailName.put(entry.envelope().name(), item);
        return item;
    }

    void leaseEnded(HeraldMailQueueItem item) {
        leasedByMailName.remove(item.mailName(), item);
    }

    Clock clock() {
        return clock;
    }

    @Override
    public long getSize() {
        return engine.size();
    }

    @Override
    public long flush() throws MailQueueException {
        try {
            long size = engine.size();
            engine.flush();
            return size;
        } catch (IOException e) {
            throw new MailQueueException("Cannot flush queue " + name.asString(), e);
        }
    }

    @Override
    public long clear() throws MailQueueException {
        try {
            return engine.clear();
        } catch (IOException e) {
            throw new MailQueueException("Cannot clear queue " + name.asString(), e);
        }
    }

    @Override
    public long remove(Type type, String value) throws MailQueueException {
        try {
            return switch (type) {
                case Sender -> engine.removeBySender(value);
                case Recipient -> engine.removeByRecipient(value);
                case Name -> engine.removeByName(value);
            };
        } catch (IOException e) {
            throw new MailQueueException("Cannot remove mail from queue " + name.asString(), e);
        }
    }

    /** Metadata views; a body is only read if the caller asks the view's mail for it. Nothing to leak or close. */
    @Override
    public MailQueueIterator browse() {
        Iterator<QueueEntry> entries = engine.browse().iterator();
        return new MailQueueIterator() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public MailQueueItemView next() {
                QueueEntry entry = entries.next();
                try {
                    Mail mail = MailEnvelopes.toMail(entry.envelope(),
                        new MimeMessageWrapper(new EngineBodySource(engine, entry.id(), entry.bodySize())));
                    return new DefaultMailQueueItemView(mail, entry.envelope().nextAttempt().atZone(ZoneOffset.UTC));
                } catch (MessagingException e) {
                    throw new IllegalStateException("Cannot read queued mail " + entry.envelope().name(), e);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Does nothing: callers such as WebAdmin's queue routes close a queue after each use, while the spooler and
     * deliveries keep consuming it. The factory owns the queue's lifecycle ({@link #shutdown()}).
     */
    @Override
    public void close() {
    }

    void shutdown() {
        closed = true;
        dequeueScheduler.dispose();
    }

}
