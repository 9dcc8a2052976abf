package org.herald.mailets;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands outbound mail to the smarthost of conf/relays.xml (or, with none, to the recipients' MX hosts), through its
 * own durable outgoing queue. Failed attempts are retried on the schedule of conf/relays.xml and only bounced once it
 * is exhausted. The SMTP work itself is James's RemoteDelivery; this mailet configures it from relays.xml and counts
 * outcomes.
 *
 * Init parameters: {@code outgoingQueue} (default {@code outgoing}), {@code bounceProcessor} (default {@code bounces}),
 * {@code deliveryThreads} (default 8), {@code heloName} (default: the default domain).
 */
public class SmarthostDelivery extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmarthostDelivery.class);

    private final RemoteDelivery remoteDelivery;
    private final RelaysConfiguration relays;

    @Inject
    public SmarthostDelivery(DNSService dnsService, DomainList domainList, MailQueueFactory<?> queueFactory,
                             MetricFactory metricFactory, RelaysConfiguration relays) {
        this.relays = relays;
        this.remoteDelivery = new RemoteDelivery(dnsService, domainList,
            new OutcomeCountingQueueFactory(queueFactory, metricFactory), metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        Map<String, String> derived = new HashMap<>();
        derived.put("outgoing", getInitParameter("outgoingQueue", "outgoing"));
        derived.put("bounceProcessor", getInitParameter("bounceProcessor", "bounces"));
        derived.put("deliveryThreads", getInitParameter("deliveryThreads", "8"));
        derived.put("sendpartial", "true");
        derived.putAll(retryParameters(relays.retry()));
        relays.smarthost().ifPresentOrElse(
            smarthost -> derived.putAll(smarthostParameters(smarthost)),
            () -> LOGGER.warn("conf/relays.xml names no smarthost: outbound mail goes directly to each recipient domain's MX hosts on port 25"));
        remoteDelivery.init(new DerivedMailetConfig(getMailetConfig(), derived));
        relays.smarthost().ifPresent(smarthost -> LOGGER.info("Outbound mail is relayed through {} (tls={}, auth={})",
            smarthost.address(), smarthost.tls(), smarthost.credentials().isPresent()));
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

    static Map<String, String> smarthostParameters(Smarthost smarthost) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("gateway", smarthost.host());
        parameters.put("gatewayPort", Integer.toString(smarthost.port()));
        switch (smarthost.tls()) {
            case STARTTLS -> {
                parameters.put("startTLS", "true");
                // Refuse to fall back to plain text when the relay does not offer STARTTLS.
                parameters.put("mail.smtp.starttls.required", "true");
            }
            case IMPLICIT -> parameters.put("sslEnable", "true");
            case NONE -> { }
        }
        parameters.put("verifyServerIdentity", Boolean.toString(smarthost.verifyCertificate()));
        if (!smarthost.verifyCertificate()) {
            parameters.put("mail.smtp.ssl.trust", "*");
        }
        smarthost.credentials().ifPresent(credentials -> {
            parameters.put("gatewayUsername", credentials.username());
            parameters.put("gatewayPassword", credentials.password().reveal());
        });
        return parameters;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        remoteDelivery.service(mail);
    }

    @Override
    public void destroy() {
        remoteDelivery.destroy();
    }

    @Override
    public String getMailetInfo() {
        return "Herald SmarthostDelivery";
    }
}
