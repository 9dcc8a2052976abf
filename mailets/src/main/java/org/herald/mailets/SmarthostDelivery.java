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
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.herald.core.relay.MailStream;
import org.herald.core.relay.RelayRegistry;
import org.herald.core.relay.RelaysConfiguration;
import org.herald.core.relay.RetrySchedule;
import org.herald.core.relay.StreamChoice;
import org.herald.core.relay.StreamClassifier;
import org.herald.mailets.outbound.MailFactsOfMail;
import org.herald.mailets.outbound.OutboundCounters;
import org.herald.mailets.outbound.QueuedRelayDelivery;
import org.herald.mailets.outbound.RelayConnections;
import org.herald.mailets.outbound.WarmupGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands outbound mail to the relays of conf/relays.xml: picks the mail's stream (its rules, else the default stream),
 * records it in the mail attribute {@code herald.stream}, and sends the mail through the stream's failover chain
 * (breaker per relay, connections reused): at once, from the spool thread, as Exim does; whatever that first attempt
 * leaves waits in the stream's durable queue, from which Herald's delivery workers retry it. Failed attempts are
 * retried on the schedule of conf/relays.xml and bounced only once the queue lifetime has passed, or at once on a
 * permanent 5xx answer. With no relay, mail goes straight to each recipient domain's MX hosts through James's
 * RemoteDelivery.
 *
 * Init parameters: {@code outgoingQueue} (default {@code outgoing}: the default stream's queue; another stream's is
 * {@code outgoing-<stream>}), {@code bounceProcessor} (default {@code bounces}), {@code deliveryThreads} (default 8,
 * per stream; each relay's maxConnections caps its own connections), {@code heloName} (default: the default domain),
 * {@code firstAttempt} ({@code immediate}, the default, or {@code queued}: every mail goes through the queue first,
 * so spool threads never wait for a relay).
 */
public class SmarthostDelivery extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmarthostDelivery.class);

    private final DNSService dnsService;
    private final DomainList domainList;
    private final MailQueueFactory<?> queueFactory;
    private final MetricFactory metricFactory;
    private final WarmupGate warmup;
    private final Clock clock;
    /** The stream the mail was sent in; kept with the queued mail. */
    public static final AttributeName STREAM = AttributeName.of("herald.stream");

    private final RelaysConfiguration relays;
    private final RelayRegistry registry;
    private final Map<String, QueuedRelayDelivery> streamDeliveries = new HashMap<>();
    private StreamClassifier classifier;
    private RelayConnections connections;
    private RemoteDelivery directDelivery;

    @Inject
    public SmarthostDelivery(DNSService dnsService, DomainList domainList, MailQueueFactory<?> queueFactory,
                             MetricFactory metricFactory, RelayRegistry registry, WarmupGate warmup, Clock clock) {
        this.dnsService = dnsService;
        this.domainList = domainList;
        this.queueFactory = queueFactory;
        this.metricFactory = metricFactory;
        this.registry = registry;
        this.relays = registry.configuration();
        this.warmup = warmup;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        String queueName = getInitParameter("outgoingQueue", "outgoing");
        String bounceProcessor = getInitParameter("bounceProcessor", "bounces");
        int threads = DeliveryThreads.parse(this, getInitParameter("deliveryThreads", "8"));
        boolean immediateFirstAttempt = FirstAttempt.isImmediate(this);
        OutboundCounters counters = OutboundCounters.from(metricFactory);
        if (relays.relaying()) {
            classifier = relays.classifier();
            connections = new RelayConnections(relays.relays(), HeloName.of(this, domainList), clock);
            for (MailStream stream : relays.streams()) {
                String streamQueue = relays.queueFor(stream.name(), queueName);
                streamDeliveries.put(stream.name(), new QueuedRelayDelivery(queueFactory, streamQueue,
                    mail -> registry.chainFor(stream.name(), new MailFactsOfMail(mail).senderDomain().orElse("")),
                    connections, threads, immediateFirstAttempt, relays.retry(), getMailetContext(), bounceProcessor, counters,
                    warmup, clock));
                LOGGER.info("Outbound stream {}{}: queue {}, relays {}{}", stream.name(),
                    stream.name().equals(relays.defaultStream()) ? " (default)" : "", streamQueue, describe(stream.relays()),
                    stream.senderDomainRoutes().isEmpty() ? "" : ", sender domain routes " + stream.senderDomainRoutes());
            }
            return;
        }
        LOGGER.warn("conf/relays.xml names no relay: outbound mail goes directly to each recipient domain's MX hosts on port 25");
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

    private String describe(List<String> chain) {
        return chain.stream()
            .map(name -> relays.relay(name).orElseThrow())
            .map(relay -> relay.name() + " (" + relay.address() + ", tls=" + relay.endpoint().tls().name().toLowerCase()
                + ", auth=" + relay.endpoint().credentials().isPresent() + ", up to " + relay.maxConnections() + " connections)")
            .collect(Collectors.joining(" then "));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (classifier == null) {
            directDelivery.service(mail);
            return;
        }
        StreamChoice choice = classifier.classify(new MailFactsOfMail(mail));
        mail.setAttribute(new Attribute(STREAM, AttributeValue.of(choice.stream())));
        LOGGER.debug("Mail {} goes in stream {} ({})", mail.getName(), choice.stream(), choice.reason());
        streamDeliveries.get(choice.stream()).send(mail);
    }

    @Override
    public void destroy() {
        streamDeliveries.values().forEach(QueuedRelayDelivery::close);
        if (connections != null) {
            connections.close();
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
