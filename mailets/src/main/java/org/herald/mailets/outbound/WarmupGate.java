package org.herald.mailets.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.herald.core.outbound.RecipientResult;
import org.herald.core.warmup.DestinationProviders;
import org.herald.core.warmup.WarmupGrant;
import org.herald.core.warmup.feedback.MessageIds;
import org.herald.core.warmup.WarmupService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Suppliers;

/**
 * The warmup step of outbound delivery: before a mail goes to its relay, the relay's sending identity's budget is
 * asked for the mail's recipients, provider by provider; those over budget wait in the queue until the next window
 * opens. After the attempt, what the relay said is counted (accepted, refused for good) and budget that was not used
 * is given back. A mail that has waited longer than conf/warmup.xml's maxWait goes regardless: warmup never bounces
 * mail, and its waiting never counts toward the queue lifetime.
 */
public final class WarmupGate {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.warmup");
    /** When the mail began waiting for warmup budget (epoch milliseconds); absent when it is not waiting. */
    static final AttributeName WAITING_SINCE = AttributeName.of("herald.warmup.waiting-since");
    /** Set on the recipients an identity with overflow could not take: they go through the rest of the chain. */
    static final AttributeName OVERFLOW = AttributeName.of("herald.warmup.overflow");
    /** Milliseconds the mail has waited for budget in all: added to its queue time for the lifetime rule. */
    static final AttributeName WAITED = AttributeName.of("herald.warmup.waited-ms");

    private final Optional<WarmupService> warmup;
    private final DestinationProviders providers;
    private final Clock clock;

    public WarmupGate(WarmupService warmup, DestinationProviders providers, Clock clock) {
        this.warmup = Optional.of(warmup).filter(service -> service.configuration().enabled());
        this.providers = providers;
        this.clock = clock;
    }

    /** No warmup at all (tests of the delivery path, and conf/warmup.xml's enabled="false"). */
    public static WarmupGate none(Clock clock) {
        return new WarmupGate(clock);
    }

    private WarmupGate(Clock clock) {
        this.warmup = Optional.empty();
        this.providers = DestinationProviders.builtInOnly();
        this.clock = clock;
    }

    /**
     * What may go now.
     *
     * @param grants   per provider (empty when the identity does not warm up)
     * @param retryAt  when the deferred recipients should be tried again
     */
    public record Admission(String identity, List<String> admitted, List<String> deferred, Optional<Instant> retryAt,
                            Map<String, WarmupGrant> grants, Map<String, String> providerOfRecipient) {
        public boolean deferredAll() {
            return admitted.isEmpty();
        }
    }

    public Admission admit(Mail mail, String identity, List<String> recipients) {
        Map<String, String> providers = new LinkedHashMap<>();
        recipients.forEach(recipient -> providers.put(recipient, providerOf(recipient)));
        if (warmup.isEmpty()) {
            return new Admission(identity, recipients, List.of(), Optional.empty(), Map.of(), providers);
        }
        Instant now = clock.instant();
        Optional<Instant> waitingSince = waitingSince(mail);
        Duration waited = waitingSince.map(since -> Duration.between(since, now)).orElse(Duration.ZERO);
        if (waited.compareTo(warmup.get().configuration().maxWait()) > 0) {
            LOGGER.warn("Mail {} waited {} for the warmup budget of {}, longer than maxWait {}: sent beyond the budget",
                mail.getName(), waited, identity, warmup.get().configuration().maxWait());
            warmup.get().admit(identity, countByProvider(recipients, providers));
            return new Admission(identity, recipients, List.of(), Optional.empty(), Map.of(), providers);
        }
        Map<String, WarmupGrant> grants = new LinkedHashMap<>();
        warmup.get().admit(identity, countByProvider(recipients, providers)).forEach(grant -> grants.put(grant.provider(), grant));
        Map<String, Long> left = new LinkedHashMap<>();
        grants.values().forEach(grant -> left.put(grant.provider(), grant.granted()));
        List<String> admitted = new ArrayList<>();
        List<String> deferred = new ArrayList<>();
        Optional<Instant> retryAt = Optional.empty();
        for (String recipient : recipients) {
            String provider = providers.get(recipient);
            if (left.getOrDefault(provider, 0L) > 0) {
                left.merge(provider, -1L, Long::sum);
                admitted.add(recipient);
            } else {
                deferred.add(recipient);
                Optional<Instant> providerRetry = grants.get(provider).retryAt();
                if (providerRetry.isPresent() && (retryAt.isEmpty() || providerRetry.get().isBefore(retryAt.get()))) {
                    retryAt = providerRetry;
                }
            }
        }
        if (!deferred.isEmpty() && waited.compareTo(warmup.get().configuration().warnAfter()) > 0) {
            LOGGER.warn("Mail {} has waited {} for the warmup budget of {}; after {} it goes regardless", mail.getName(), waited,
                identity, warmup.get().configuration().maxWait());
        }
        return new Admission(identity, admitted, deferred, retryAt, grants, providers);
    }

    /**
     * Updates the waiting marks and counts: a mail newly deferred starts waiting; the recipients of a waiting mail that
     * are let through stop waiting, and their wait is added to the mail's waited time.
     *
     * @param waitingPart the mail that will wait (the same mail, or the copy that takes the deferred recipients)
     */
    public void deferred(Mail original, Admission admission, Mail waitingPart) {
        Optional<Instant> since = waitingSince(original);
        if (since.isEmpty()) {
            Instant now = clock.instant();
            waitingPart.setAttribute(new Attribute(WAITING_SINCE, AttributeValue.of(now.toEpochMilli())));
            countByProvider(admission.deferred(), admission.providerOfRecipient())
                .forEach((provider, count) -> warmup.ifPresent(service -> service.waiting(admission.identity(), provider, count)));
        } else {
            waitingPart.setAttribute(new Attribute(WAITING_SINCE, AttributeValue.of(since.get().toEpochMilli())));
        }
    }

    /** The admitted recipients of a mail that was waiting stop waiting. */
    public void leftWaiting(Mail mail, Admission admission) {
        Optional<Instant> since = waitingSince(mail);
        if (since.isEmpty() || admission.admitted().isEmpty()) {
            return;
        }
        countByProvider(admission.admitted(), admission.providerOfRecipient())
            .forEach((provider, count) -> warmup.ifPresent(service -> service.waiting(admission.identity(), provider, -count)));
        long waited = mail.getAttribute(WAITED).flatMap(attribute -> attribute.getValue().valueAs(Long.class)).orElse(0L)
            + Duration.between(since.get(), clock.instant()).toMillis();
        mail.setAttribute(new Attribute(WAITED, AttributeValue.of(waited)));
        mail.removeAttribute(WAITING_SINCE);
    }

    /** Counts the attempt: accepted and refused recipients by provider; budget of the rest is given back. */
    public void attempted(Mail mail, Admission admission, List<RecipientResult> results) {
        if (warmup.isEmpty() || admission.grants().isEmpty()) {
            return;
        }
        Supplier<Optional<String>> messageId = Suppliers.memoize(() -> messageId(mail));
        Map<String, long[]> byProvider = new LinkedHashMap<>();
        for (RecipientResult result : results) {
            long[] counts = byProvider.computeIfAbsent(admission.providerOfRecipient().getOrDefault(result.recipient(),
                providerOf(result.recipient())), provider -> new long[3]);
            counts[result.status().ordinal()]++;
        }
        for (Map.Entry<String, WarmupGrant> grant : admission.grants().entrySet()) {
            long[] counts = byProvider.getOrDefault(grant.getKey(), new long[3]);
            long accepted = counts[RecipientResult.Status.DELIVERED.ordinal()];
            long refused = counts[RecipientResult.Status.PERMANENT_FAILURE.ordinal()];
            warmup.get().attempted(admission.identity(), grant.getKey(), messageId, accepted, refused);
            warmup.get().notAttempted(admission.identity(), grant.getValue(), grant.getValue().granted() - accepted - refused);
        }
    }

    /** Budget taken for a mail that was then not attempted at all (every relay unavailable). */
    public void notAttempted(Admission admission) {
        warmup.ifPresent(service -> admission.grants().values().forEach(grant -> service.notAttempted(admission.identity(), grant,
            grant.granted())));
    }

    /** Whether the recipients over this identity's budget go through the rest of the chain (conf/warmup.xml overflow). */
    public boolean overflows(String identity) {
        return warmup.map(service -> service.overflows(identity)).orElse(false);
    }

    static boolean overflowing(Mail mail) {
        return mail.getAttribute(OVERFLOW).isPresent();
    }

    static void markOverflowing(Mail mail) {
        mail.setAttribute(new Attribute(OVERFLOW, AttributeValue.of(true)));
    }

    /** How long the mail waited for warmup budget before, not to be counted toward its queue lifetime. */
    static Duration waited(Mail mail) {
        return Duration.ofMillis(mail.getAttribute(WAITED).flatMap(attribute -> attribute.getValue().valueAs(Long.class)).orElse(0L));
    }

    private String providerOf(String recipient) {
        String domain = recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        try {
            return providers.providerOf(domain);
        } catch (IllegalArgumentException e) {
            // An address literal ([192.0.2.1]) has no provider: it is budgeted on its own.
            return domain.replaceAll("[^a-z0-9._-]", "_");
        }
    }

    private static Map<String, Long> countByProvider(List<String> recipients, Map<String, String> providers) {
        Map<String, Long> counts = new LinkedHashMap<>();
        recipients.forEach(recipient -> counts.merge(providers.get(recipient), 1L, Long::sum));
        return counts;
    }

    private static Optional<Instant> waitingSince(Mail mail) {
        return mail.getAttribute(WAITING_SINCE).flatMap(attribute -> attribute.getValue().valueAs(Long.class)).map(Instant::ofEpochMilli);
    }

    private static Optional<String> messageId(Mail mail) {
        try {
            // The form DSNs and complaints are matched in.
            return Optional.ofNullable(mail.getMessage().getMessageID()).flatMap(MessageIds::canonical);
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}
