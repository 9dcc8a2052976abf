package org.herald.mailets.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;

import javax.mail.MessagingException;
import javax.mail.NoSuchProviderException;
import javax.mail.Provider;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.herald.core.outbound.RecipientResult;
import org.herald.core.relay.Relay;
import org.herald.core.relay.RelayAnswer;
import org.herald.core.relay.RelayTimeouts;
import org.herald.core.relay.Smarthost;
import org.herald.core.relay.TlsMode;

import com.sun.mail.smtp.SMTPMessage;
import com.sun.mail.smtp.SMTPTransport;

/**
 * SMTP connections to one relay, opened on demand, kept open and reused for the next mail (MAIL FROM straight away,
 * as Postfix does with connection caching), at most the relay's {@code maxConnections} at once.
 *
 * <p>The JavaMail {@link Session} and transport provider are looked up once per relay: James's
 * RemoteDelivery builds a session and looks up a transport for every mail, and that lookup scans every jar on the
 * class path (14–18 % of CPU in its profile). A connection that failed in any way is closed, never reused.
 */
public final class RelayConnectionPool implements AutoCloseable {
    /** A relay that stayed silent this long is assumed to have dropped the connection; ask before reusing it. */
    private static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(2);
    private static final Duration MAX_IDLE = Duration.ofSeconds(30);
    private static final int MAX_MAILS_PER_CONNECTION = 100;

    private final Relay relay;
    private final Smarthost endpoint;
    private final Session session;
    private final String protocol;
    private final Provider transportProvider;
    private final Semaphore permits;
    private final Clock clock;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    public RelayConnectionPool(Relay relay, String heloName, Clock clock) {
        this.relay = relay;
        this.endpoint = relay.endpoint();
        this.protocol = endpoint.tls() == TlsMode.IMPLICIT ? "smtps" : "smtp";
        this.session = Session.getInstance(properties(relay, protocol, heloName));
        try {
            // Looked up once: the lookup by protocol name scans every jar on the class path.
            this.transportProvider = session.getProvider(protocol);
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("JavaMail has no " + protocol + " transport on the class path", e);
        }
        this.permits = new Semaphore(relay.maxConnections(), true);
        this.clock = clock;
    }

    private static Properties properties(Relay configured, String protocol, String heloName) {
        Smarthost relay = configured.endpoint();
        RelayTimeouts timeouts = configured.timeouts();
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        configured.localAddress().ifPresent(address -> properties.setProperty(prefix + "localaddress", address));
        configured.trustStore().ifPresent(trustStore ->
            properties.put(prefix + "ssl.socketFactory", TrustStoreSockets.socketFactory(trustStore)));
        properties.setProperty(prefix + "host", relay.host());
        properties.setProperty(prefix + "port", Integer.toString(relay.port()));
        properties.setProperty(prefix + "localhost", heloName);
        properties.setProperty(prefix + "connectiontimeout", Long.toString(timeouts.connect().toMillis()));
        properties.setProperty(prefix + "timeout", Long.toString(timeouts.command().toMillis()));
        properties.setProperty(prefix + "writetimeout", Long.toString(timeouts.command().toMillis()));
        // Deliver to the recipients the relay accepts and report the others one by one.
        properties.setProperty(prefix + "sendpartial", "true");
        properties.setProperty(prefix + "quitwait", "false");
        properties.setProperty(prefix + "auth", Boolean.toString(relay.credentials().isPresent()));
        if (relay.tls() != TlsMode.IMPLICIT) {
            properties.put(prefix + "socketFactory", NoDelaySocketFactory.INSTANCE);
        }
        if (relay.tls() == TlsMode.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            // Never fall back to plain text (and plain-text AUTH) when the relay does not offer STARTTLS.
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (relay.tls() != TlsMode.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", Boolean.toString(relay.verifyCertificate()));
            if (!relay.verifyCertificate()) {
                properties.setProperty(prefix + "ssl.trust", "*");
            }
        }
        return properties;
    }

    public Relay relay() {
        return relay;
    }

    /**
     * One delivery attempt of {@code message} from {@code sender} ("" for the null sender) to {@code recipients}: one
     * result per recipient, and whether the relay answered them itself. Never throws for what the relay or the network did; those are results.
     */
    public RelayAnswer deliver(String sender, List<String> recipients, MimeMessage message) throws InterruptedException {
        permits.acquire();
        try {
            Connection connection;
            try {
                connection = lease();
            } catch (MessagingException e) {
                return RelayAnswer.relayFailed(SmtpFailures.classify(recipients, e));
            }
            try {
                String reply = connection.send(sender, recipients, message);
                giveBack(connection);
                List<RecipientResult> delivered = new ArrayList<>(recipients.size());
                recipients.forEach(recipient -> delivered.add(RecipientResult.delivered(recipient, reply)));
                return RelayAnswer.responded(delivered);
            } catch (MessagingException e) {
                connection.close();
                List<RecipientResult> results = SmtpFailures.classify(recipients, e);
                return SmtpFailures.answeredPerRecipient(e) ? RelayAnswer.responded(results) : RelayAnswer.relayFailed(results);
            }
        } finally {
            permits.release();
        }
    }

    private Connection lease() throws MessagingException {
        while (true) {
            Connection connection;
            synchronized (idle) {
                connection = idle.pollFirst();
            }
            if (connection == null) {
                return open();
            }
            if (connection.usable(clock.instant())) {
                return connection;
            }
            connection.close();
        }
    }

    private Connection open() throws MessagingException {
        SMTPTransport transport = (SMTPTransport) session.getTransport(transportProvider);
        String user = endpoint.credentials().map(credentials -> credentials.username()).orElse(null);
        String password = endpoint.credentials().map(credentials -> credentials.password().reveal()).orElse(null);
        transport.connect(endpoint.host(), endpoint.port(), user, password);
        return new Connection(transport);
    }

    private void giveBack(Connection connection) {
        connection.lastUsed = clock.instant();
        synchronized (idle) {
            if (!closed && connection.mails < MAX_MAILS_PER_CONNECTION) {
                idle.addFirst(connection);
                return;
            }
        }
        connection.close();
    }

    @Override
    public void close() {
        List<Connection> toClose;
        synchronized (idle) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        toClose.forEach(Connection::close);
    }

    private final class Connection {
        private final SMTPTransport transport;
        private Instant lastUsed = clock.instant();
        private int mails;

        Connection(SMTPTransport transport) {
            this.transport = transport;
        }

        boolean usable(Instant now) {
            Duration idleFor = Duration.between(lastUsed, now);
            if (idleFor.compareTo(MAX_IDLE) > 0) {
                return false;
            }
            // isConnected() sends a NOOP: only worth its round trip when the relay may have timed us out.
            return idleFor.compareTo(CHECK_AFTER_IDLE) < 0 || transport.isConnected();
        }

        String send(String sender, List<String> recipients, MimeMessage message) throws MessagingException {
            mails++;
            // The relay gets the message exactly as queued (header order included).
            SMTPMessage envelope = new QueuedBytesMessage(session, message);
            envelope.setEnvelopeFrom(sender.isEmpty() ? "<>" : sender);
            InternetAddress[] to = new InternetAddress[recipients.size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(recipients.get(i), false);
            }
            transport.sendMessage(envelope, to);
            String reply = transport.getLastServerResponse();
            return reply == null ? "250 accepted" : reply.trim();
        }

        void close() {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                // Already broken: nothing more to release.
            }
        }
    }
}
