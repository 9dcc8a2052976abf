package org.herald.mailets;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.herald.core.breaker.DependencyBreaker;
import org.herald.core.delivery.Downstream;
import org.herald.core.delivery.LocalDeliveryConfiguration;
import org.herald.core.relay.Relay;
import org.herald.core.relay.RelayRuntime;
import org.herald.core.relay.RelayTimeouts;
import org.herald.core.relay.RelaysConfiguration;
import org.herald.core.relay.Smarthost;
import org.herald.core.relay.TlsMode;
import org.herald.mailets.outbound.OutboundCounters;
import org.herald.mailets.outbound.QueuedRelayDelivery;
import org.herald.mailets.outbound.WarmupGate;
import org.herald.mailets.outbound.RelayConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers mail for Herald's own domains as conf/local-delivery.xml says: relayed to the downstream mailbox server
 * at once from the spool thread, or through a durable queue of its own ({@code downstreamQueue}, default
 * {@code local-downstream}) when it must wait, retried on the schedule of conf/relays.xml's {@code <retry>}, or, with no
 * downstream, stored in the local mail repository that WebAdmin's /mailRepositories routes browse.
 *
 * Init parameters: {@code downstreamQueue} (default {@code local-downstream}), {@code bounceProcessor} (default
 * {@code bounces}), {@code deliveryThreads} (default 4), {@code heloName} (default: the default domain),
 * {@code firstAttempt} ({@code immediate}, the default, or {@code queued}), as for {@link SmarthostDelivery}.
 */
public class DeliverLocally extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliverLocally.class);

    private final LocalDeliveryConfiguration configuration;
    private final RelaysConfiguration relays;
    private final MailRepositoryStore repositoryStore;
    private final DomainList domainList;
    private final MailQueueFactory<?> queueFactory;
    private final MetricFactory metricFactory;
    private QueuedRelayDelivery downstreamDelivery;
    private RelayConnections connections;
    private MailRepository repository;

    @Inject
    public DeliverLocally(LocalDeliveryConfiguration configuration, RelaysConfiguration relays, MailRepositoryStore repositoryStore,
                          DomainList domainList, MailQueueFactory<?> queueFactory, MetricFactory metricFactory) {
        this.configuration = configuration;
        this.relays = relays;
        this.repositoryStore = repositoryStore;
        this.domainList = domainList;
        this.queueFactory = queueFactory;
        this.metricFactory = metricFactory;
    }

    @Override
    public void init() throws MessagingException {
        if (configuration.downstream().isPresent()) {
            Downstream downstream = configuration.downstream().get();
            // The mailbox server is on the operator's own network: plain SMTP, no AUTH, as Postfix's lmtp/smtp does.
            Smarthost endpoint = new Smarthost(downstream.host(), downstream.port(), TlsMode.NONE, false, Optional.empty());
            int threads = DeliveryThreads.parse(this, getInitParameter("deliveryThreads", "4"));
            boolean immediateFirstAttempt = FirstAttempt.isImmediate(this);
            Clock clock = Clock.systemUTC();
            Relay target = new Relay("downstream", endpoint, threads, RelayTimeouts.DEFAULT, Optional.empty(), Optional.empty(),
                Optional.empty());
            DependencyBreaker breaker = new DependencyBreaker(target.name(), relays.breaker(), clock, transition ->
                LOGGER.warn("Downstream mailbox server {}: circuit breaker {} -> {}: {}", downstream.address(),
                    transition.from(), transition.to(), transition.reason()));
            List<RelayRuntime> chain = List.of(new RelayRuntime(target, "local", breaker, clock));
            connections = new RelayConnections(List.of(target), HeloName.of(this, domainList), clock);
            downstreamDelivery = new QueuedRelayDelivery(queueFactory, getInitParameter("downstreamQueue", "local-downstream"),
                mail -> chain, connections, threads, immediateFirstAttempt, relays.retry(), getMailetContext(),
                getInitParameter("bounceProcessor", "bounces"), OutboundCounters.from(metricFactory), WarmupGate.none(clock), clock);
            LOGGER.info("Mail for local domains is relayed to the downstream mailbox server {}", downstream.address());
        } else {
            try {
                repository = repositoryStore.select(MailRepositoryUrl.from(configuration.repositoryUrl()));
            } catch (MailRepositoryStore.MailRepositoryStoreException e) {
                throw new MessagingException("Cannot open the local mail repository " + configuration.repositoryUrl(), e);
            }
            LOGGER.info("No downstream in conf/local-delivery.xml: mail for local domains is kept in {}", configuration.repositoryUrl());
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (downstreamDelivery != null) {
            downstreamDelivery.send(mail);
            return;
        }
        repository.store(mail);
        mail.setState(Mail.GHOST);
    }

    @Override
    public void destroy() {
        if (downstreamDelivery != null) {
            downstreamDelivery.close();
            connections.close();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Herald DeliverLocally";
    }
}
