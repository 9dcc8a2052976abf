package org.herald.mailets.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.server.core.MailImpl;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.herald.core.outbound.DeliveryDecision;
import org.herald.core.outbound.DeliveryPolicy;
import org.herald.core.outbound.RecipientResult;
import org.herald.core.relay.FailoverDelivery;
import org.herald.core.relay.RelayRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Takes mail from one durable outgoing queue, lets through what the first relay's warmup budget allows
 * ({@link WarmupGate}: the rest waits in the queue until the next window), and delivers it through its failover chain of relays
 * ({@link FailoverDelivery}: breakers consulted, next relay on failure), {@code threads} mails at a time. After each
 * attempt the {@link DeliveryPolicy} decides: delivered recipients are done, refused ones are bounced (one DSN per
 * distinct reason, through the bounce processor), and the rest go back into the queue for their next attempt (with
 * Herald's queue, an in-place update of the queued entry). When every relay of the chain has an open breaker, the
 * mail waits, without counting an attempt, until the first breaker lets a probe through. Nothing here drops a mail:
 * an unexpected failure leaves the mail queued for a retry. {@link #deliverNow} makes the same attempt for a mail not
 * yet queued, on the caller's thread, and queues what it leaves.
 */
public final class OutboundDeliveryWorkers implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutboundDeliveryWorkers.class);
    /** Failed attempts so far; survives in the queue with the mail. */
    static final AttributeName FAILED_ATTEMPTS = AttributeName.of("herald.outbound.failed-attempts");
    /** When the mail was first handed to the relays (epoch milliseconds): the queue lifetime counts from here. */
    static final AttributeName QUEUED_AT = AttributeName.of("herald.outbound.queued-at");
    /** How long mail waits while a half-open breaker's probe is under way and no other relay is available. */
    private static final Duration PROBE_WAIT = Duration.ofSeconds(5);
    /** Should a budget ever not say when it opens again. */
    private static final Duration WARMUP_FALLBACK_WAIT = Duration.ofHours(1);

    /** The failover chain a mail goes through. */
    @FunctionalInterface
    public interface ChainResolver {
        List<RelayRuntime> chainFor(Mail mail);
    }

    private final MailQueue queue;
    private final ChainResolver chains;
    private final RelayConnections connections;
    private final FailoverDelivery failover = new FailoverDelivery();
    private final DeliveryPolicy policy;
    private final MailetContext mailetContext;
    private final String bounceProcessor;
    private final OutboundCounters counters;
    private final WarmupGate warmup;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Scheduler dequeueScheduler;
    private final Disposable subscription;

    public OutboundDeliveryWorkers(MailQueue queue, ChainResolver chains, RelayConnections connections, DeliveryPolicy policy,
                                   MailetContext mailetContext, String bounceProcessor, int threads, OutboundCounters counters,
                                   WarmupGate warmup, Clock clock) {
        this.queue = queue;
        this.chains = chains;
        this.connections = connections;
        this.policy = policy;
        this.mailetContext = mailetContext;
        this.bounceProcessor = bounceProcessor;
        this.counters = counters;
        this.warmup = warmup;
        this.clock = clock;
        this.scheduler = Schedulers.newBoundedElastic(threads, Integer.MAX_VALUE, "herald-delivery-" + queue.getName().asString());
        // Some queues (James's ActiveMQ one) block the subscribing thread while they wait for mail: never the caller's.
        this.dequeueScheduler = Schedulers.newSingle("herald-dequeue-" + queue.getName().asString());
        this.subscription = Flux.from(queue.deQueue())
            .subscribeOn(dequeueScheduler)
            .flatMap(item -> Mono.fromRunnable(() -> attempt(item)).subscribeOn(scheduler), threads)
            .subscribe(ignored -> { }, error -> LOGGER.error("Delivery from queue {} stopped", queue.getName().asString(), error));
    }

    /** Marks a mail as handed to the relays now (its first attempt, or the queue), unless it already carries that mark. */
    public static void markQueued(Mail mail, Clock clock) {
        if (mail.getAttribute(QUEUED_AT).isEmpty()) {
            mail.setAttribute(new Attribute(QUEUED_AT, AttributeValue.of(clock.millis())));
        }
    }

    private void attempt(MailQueue.MailQueueItem item) {
        Mail mail = item.getMail();
        try {
            deliver(mail);
            item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retryLater(item, mail, e);
        } catch (Exception | LinkageError e) {
            retryLater(item, mail, e);
        }
    }

    /**
     * The first attempt, made by the caller's thread before the mail was ever queued: what is delivered or bounced is
     * done with, what must wait (a deferral, the warmup budget, relays all unavailable) is queued for the workers
     * exactly as after an attempt of theirs, and a mail whose attempt failed unexpectedly is queued whole. Returns
     * once each recipient is delivered, bounced or durably queued.
     */
    public void deliverNow(Mail mail) throws MailQueue.MailQueueException {
        try {
            deliver(mail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queueAfterFailedAttempt(mail, e);
        } catch (Exception | LinkageError e) {
            queueAfterFailedAttempt(mail, e);
        }
    }

    private void queueAfterFailedAttempt(Mail mail, Throwable failure) throws MailQueue.MailQueueException {
        LOGGER.error("Immediate delivery of mail {} failed unexpectedly; it goes to queue {} and is tried again",
            mail.getName(), queue.getName().asString(), failure);
        queue.enQueue(mail);
    }

    /** One attempt; whatever is not delivered or bounced is queued again (or, from the queue, deferred in place). */
    private void deliver(Mail mail) throws Exception {
        List<RelayRuntime> fullChain = chains.chainFor(mail);
        // Recipients the first relay's warmup budget sent on: the rest of the chain takes them.
        List<RelayRuntime> chain = WarmupGate.overflowing(mail) && fullChain.size() > 1
            ? fullChain.subList(1, fullChain.size()) : fullChain;
        WarmupGate.Admission admission = warmup.admit(mail,
            chain.isEmpty() ? "" : chain.get(0).relay().identity(), mail.getRecipients().stream().map(MailAddress::asString).toList());
        if (!admission.deferred().isEmpty()) {
            if (chain == fullChain && fullChain.size() > 1 && warmup.overflows(admission.identity())) {
                overflow(mail, admission);
            } else {
                waitForWarmup(mail, admission);
            }
            if (admission.deferredAll()) {
                return;
            }
            mail.setRecipients(addressesOf(admission.admitted()));
        }
        warmup.leftWaiting(mail, admission);
        List<String> recipients = admission.admitted();
        String sender = mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("");
        MimeMessage message = mail.getMessage();
        FailoverDelivery.Outcome outcome = failover.attempt(chain, recipients,
            (relay, open) -> connections.deliver(relay.relay(), sender, open, message));
        if (outcome.attempted()) {
            warmup.attempted(mail, admission, outcome.results());
        } else {
            warmup.notAttempted(admission);
        }
        int failedAttempts = failedAttempts(mail);
        Instant now = clock.instant();
        // Waiting for warmup budget is not the mail's fault: it does not count toward the queue lifetime.
        Instant queuedAt = queuedAt(mail, now).plus(WarmupGate.waited(mail));
        DeliveryDecision decision = outcome.attempted()
            ? policy.decide(outcome.results(), failedAttempts, queuedAt, now)
            : policy.waitForRelay(recipients, outcome.unavailable(), queuedAt, now,
                outcome.availableAgain().orElse(now.plus(PROBE_WAIT)));
        report(mail, decision, failedAttempts, outcome);
        if (decision.needsBounce()) {
            bounce(mail, decision.bounced());
        }
        if (decision.needsRetry()) {
            mail.setRecipients(addresses(decision.retried()));
            if (outcome.attempted()) {
                mail.setAttribute(new Attribute(FAILED_ATTEMPTS, AttributeValue.of(failedAttempts + 1)));
            }
            mail.setErrorMessage(decision.retried().get(0).reply());
            queue.enQueue(mail, Duration.between(now, decision.retryAt().orElseThrow()));
        }
    }

    /** Sends the recipients over the budget on at once, through the rest of the chain (conf/warmup.xml overflow). */
    private void overflow(Mail mail, WarmupGate.Admission admission) throws MessagingException {
        LOGGER.debug("Mail {}: {} recipient(s) over the warmup budget of {} overflow to the rest of the chain", mail.getName(),
            admission.deferred().size(), admission.identity());
        if (admission.deferredAll()) {
            WarmupGate.markOverflowing(mail);
            queue.enQueue(mail);
            return;
        }
        MailImpl overflowing = MailImpl.duplicate(mail);
        try {
            overflowing.setRecipients(addressesOf(admission.deferred()));
            WarmupGate.markOverflowing(overflowing);
            queue.enQueue(overflowing);
        } finally {
            overflowing.dispose();
        }
    }

    /**
     * Puts the recipients over the warmup budget back in the queue until the next window: the mail itself when none
     * may go, else a copy holding them. No attempt is counted.
     */
    private void waitForWarmup(Mail mail, WarmupGate.Admission admission) throws MessagingException {
        Instant now = clock.instant();
        Duration delay = Duration.between(now, admission.retryAt().orElse(now.plus(WARMUP_FALLBACK_WAIT)));
        counters.deferredByWarmup().increment();
        LOGGER.debug("Mail {}: {} recipient(s) wait for the warmup budget of {} until {}", mail.getName(),
            admission.deferred().size(), admission.identity(), now.plus(delay));
        if (admission.deferredAll()) {
            warmup.deferred(mail, admission, mail);
            queue.enQueue(mail, delay);
            return;
        }
        MailImpl waiting = MailImpl.duplicate(mail);
        try {
            waiting.setRecipients(addressesOf(admission.deferred()));
            warmup.deferred(mail, admission, waiting);
            queue.enQueue(waiting, delay);
        } finally {
            waiting.dispose();
        }
    }

    private void report(Mail mail, DeliveryDecision decision, int failedAttempts, FailoverDelivery.Outcome outcome) {
        String relays = outcome.attempted() ? String.join(" then ", outcome.triedRelays()) : "no relay";
        if (!decision.delivered().isEmpty()) {
            LOGGER.debug("Mail {} delivered through {} for {}: {}", mail.getName(), relays,
                recipients(decision.delivered()), decision.delivered().get(0).reply());
        }
        if (decision.needsRetry()) {
            counters.deferred().increment();
            if (outcome.attempted()) {
                LOGGER.info("Mail {} deferred for {} after attempt {} through {}: {}; next attempt at {}", mail.getName(),
                    recipients(decision.retried()), failedAttempts + 1, relays, decision.retried().get(0).reply(),
                    decision.retryAt().orElseThrow());
            } else {
                // Breaker transitions are logged once each; a line per waiting mail would flood the log in an outage.
                LOGGER.debug("Mail {} waits until {}: {}", mail.getName(), decision.retryAt().orElseThrow(), outcome.unavailable());
            }
        } else if (!decision.needsBounce()) {
            counters.delivered().increment();
        }
        if (decision.needsBounce()) {
            counters.bounced().increment();
            decision.bounced().forEach(bounced -> LOGGER.info("Mail {} bounced for {} through {}: {}", mail.getName(),
                bounced.recipient(), relays, bounced.reply()));
        }
    }

    /** One DSN per distinct reason, each naming the recipients it concerns. */
    private void bounce(Mail mail, List<RecipientResult> bounced) throws MessagingException {
        Map<String, List<RecipientResult>> byReason = bounced.stream()
            .collect(Collectors.groupingBy(RecipientResult::reply, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<RecipientResult>> reason : byReason.entrySet()) {
            MailImpl failed = MailImpl.duplicate(mail);
            try {
                failed.setRecipients(addresses(reason.getValue()));
                failed.setErrorMessage(reason.getKey());
                failed.setAttribute(new Attribute(Bouncer.DELIVERY_ERROR, AttributeValue.of(reason.getKey())));
                mailetContext.sendMail(failed, bounceProcessor);
            } finally {
                failed.dispose();
            }
        }
    }

    private void retryLater(MailQueue.MailQueueItem item, Mail mail, Throwable failure) {
        LOGGER.error("Delivery of mail {} from queue {} failed unexpectedly; it stays queued and is tried again",
            mail.getName(), queue.getName().asString(), failure);
        try {
            item.done(MailQueue.MailQueueItem.CompletionStatus.RETRY);
        } catch (Exception e) {
            LOGGER.error("Could not hand mail {} back to queue {}; it is delivered after a restart",
                mail.getName(), queue.getName().asString(), e);
        }
    }

    private static int failedAttempts(Mail mail) {
        return mail.getAttribute(FAILED_ATTEMPTS)
            .flatMap(attribute -> attribute.getValue().valueAs(Integer.class))
            .orElse(0);
    }

    private static Instant queuedAt(Mail mail, Instant now) {
        return mail.getAttribute(QUEUED_AT)
            .flatMap(attribute -> attribute.getValue().valueAs(Long.class))
            .map(Instant::ofEpochMilli)
            .orElse(now);
    }

    private static List<MailAddress> addressesOf(List<String> recipients) throws MessagingException {
        List<MailAddress> addresses = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            addresses.add(new MailAddress(recipient));
        }
        return addresses;
    }

    private static List<MailAddress> addresses(List<RecipientResult> results) throws MessagingException {
        List<MailAddress> addresses = new ArrayList<>(results.size());
        for (RecipientResult result : results) {
            addresses.add(new MailAddress(result.recipient()));
        }
        return addresses;
    }

    private static String recipients(List<RecipientResult> results) {
        return results.stream().map(RecipientResult::recipient).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        subscription.dispose();
        dequeueScheduler.dispose();
        scheduler.dispose();
    }
}
