package org.herald.queue.james;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.herald.queue.engine.QueueEntry;
import org.herald.queue.engine.QueueEnvelope;

/** A leased queue entry handed to James; its lease ends exactly once, by done() or by a re-enqueue of its mail. */
final class HeraldMailQueueItem implements MailQueue.MailQueueItem {
    private final HeraldMailQueue queue;
    private final QueueEntry entry;
    private final EngineBodySource body;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Mail mail;
    /** The message getMail() made from the entry; null until then. */
    private MimeMessage storedMessage;

    HeraldMailQueueItem(HeraldMailQueue queue, QueueEntry entry) {
        this.queue = queue;
        this.entry = entry;
        this.body = new EngineBodySource(queue.engine(), entry.id(), entry.bodySize());
    }

    String mailName() {
        return entry.envelope().name();
    }

    @Override
    public synchronized Mail getMail() {
        if (mail == null) {
            try {
                mail = MailEnvelopes.toMail(entry.envelope(), new MimeMessageWrapper(body));
                storedMessage = mail.getMessage();
                QueueMoves.markOrigin(mail, queue.engine().directory().getFileName().toString(), entry.id());
                if (queue.engine().recoveredAtOpen(entry.id())) {
                    RecoveredMail.mark(mail);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException("Cannot read queued mail " + mailName(), e);
            }
        }
        return mail;
    }

    /**
     * True when {@code message} is this entry's stored message (its body, behind the header fields the entry keeps),
     * not a copy or another mail's.
     */
    synchronized boolean isBackedBy(MimeMessageWrapper message) {
        return message == storedMessage || message.getSourceId().equals(body.getSourceId());
    }

    @Override
    public void done(CompletionStatus status) throws MailQueue.MailQueueException {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        queue.leaseEnded(this);
        try {
            switch (status) {
                case SUCCESS -> queue.engine().complete(entry.id());
                case RETRY -> queue.engine().defer(entry.id(), queue.clock().instant().plus(HeraldMailQueue.RETRY_BACKOFF));
                case REJECT -> queue.engine().defer(entry.id(), queue.clock().instant().plus(HeraldMailQueue.REJECT_BACKOFF));
            }
        } catch (IOException e) {
            throw new MailQueue.MailQueueException("Cannot record the outcome of mail " + mailName(), e);
        }
    }

    /** Ends the lease by scheduling the same entry again: what James means by re-enqueuing a mail it holds. */
    void endByDeferral(Instant nextAttempt, UnaryOperator<QueueEnvelope> update) throws IOException {
        if (!ended.compareAndSet(false, true)) {
            throw new IllegalStateException("mail " + mailName() + " was re-enqueued after its lease ended");
        }
        queue.leaseEnded(this);
        queue.engine().defer(entry.id(), nextAttempt, update);
    }
}
