package org.herald.mailets;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.herald.core.relay.RelaysConfiguration;
import org.herald.core.relay.RetrySchedule;
import org.herald.core.relay.Smarthost;
import org.herald.mailets.outbound.OutboundCounters;
import org.herald.mailets.outbound.QueuedRelayDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands outbound mail to the smarthost of conf/relays.xml through Herald's durable outgoing queue and Herald's own
 * delivery workers (connections reused, one JavaMail session per relay); failed attempts are retried on the schedule
 * of conf/relays.xml and bounced only once the queue lifetime has passed, or at once on a permanent 5xx answer.
 * With no smarthost, mail goes straight to each recipient domain's MX hosts through James's RemoteDelivery.
 *
 * Init parameters: {@code outgoingQueue} (default {@code outgoing}), {@code bounceProcessor} (default {@code bounces}),
 * {@code deliveryThreads} (default 8: also the most connections open to the relay at once), {@code heloName}
 * (default: the default domain).
 */
public class SmarthostDelivery extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmarthostDelivery.class);

    private final DNSService dnsService;
    private final DomainList domainList;
    private final MailQueueFactory<?> queueFactory;
    private final MetricFactory metricFactory;
    private final RelaysConfiguration relays;
    private QueuedRelayDelivery relayDelivery;
    private RemoteDelivery directDelivery;

    @Inject
    public SmarthostDelivery(DNSService dnsService, DomainList domainList, MailQueueFactory<?> queueFactory,
                             MetricFactory metricFactory, RelaysConfiguration relays) {
        this.dnsService = dnsService;
        this.domainList = domainList;
        this.queueFactory = queueFactory;
        this.metricFactory = metricFactory;
        this.relays = relays;
    }

    @Override
    public void init() throws MessagingException {
        String queueName = getInitParameter("outgoingQueue", "outgoing");
        String bounceProcessor = getInitParameter("bounceProcessor", "bounces");
        int threads = DeliveryThreads.parse(this, getInitParameter("deliveryThreads", "8"));
        OutboundCounters counters = OutboundCounters.from(metricFactory);
        if (relays.smarthost().isPresent()) {
            Smarthost smarthost = relays.smarthost().get();
            relayDelivery = new QueuedRelayDelivery(queueFactory, queueName, smarthost, HeloName.of(this, domainList), threads,
                relays.retry(), getMailetContext(), bounceProcessor, counters, Clock.systemUTC());
            LOGGER.info("Outbound mail is relayed through {} (tls={}, auth={}, up to {} connections)",
                smarthost.address(), smarthost.tls(), smarthost.credentials().isPresent(), threads);
            return;
        }
        LOGGER.warn("conf/relays.xml names no smarthost: outbound mail goes directly to each recipient domain's MX hosts on port 25");
        Map<String, String> derived = new HashMap<>();
        derived.put("outgoing", queueName);
        derived.put("bounceProcessor", bounceProcessor);
        derived.put("deliveryThreads", Integer.toString(threads));
        derived.put("sendpartial", "true");
        derived.putAll(retryParameters(relays.retry()));
        directDelivery = new RemoteDelivery(dnsService, domainList, new OutcomeCountingQueueFactory(queueFactory, counters), metricFactory);
        directDelivery.init(new DerivedMailetConfig(getMailetConfig(), derived));
    }

    static Map<String, String> retryParameters(RetrySchedule schedule) {
        int maxRetries = schedule.maxRetries();
        List<Duration> delays = schedule.delays().subList(0, Math.min(maxRetries, schedule.delays().size()));
        return Map.of(
            "maxRetries", Integer.toString(maxRetries),
            "delayTime", delays.stream().map(delay -> Long.toString(delay.toMillis())).collect(Collectors.joining(", ")),
            // A DNS failure is a temporary failure like any other: never bounce early because a resolver hiccupped.
            "maxDnsProblemRetries", Integer.toString(maxRetries));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (relayDelivery != null) {
            relayDelivery.enqueue(mail);
        } else {
            directDelivery.service(mail);
        }
    }

    @Override
    public void destroy() {
        if (relayDelivery != null) {
            relayDelivery.close();
        }
        if (directDelivery != null) {
            directDelivery.destroy();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Herald SmarthostDelivery";
    }
}
