package org.herald.mailets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.herald.core.dkim.DkimAlgorithm;
import org.herald.core.dkim.DkimSigner;
import org.herald.core.dkim.DkimSigningKey;
import org.herald.core.dkim.keys.DkimNames;
import org.herald.core.dkim.keys.SigningKeyCache;
import org.herald.queue.james.HeaderPrefixedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs outbound mail with every active DKIM key of the sender's domain: an Ed25519 and an RSA signature when the
 * domain has both (RFC 8463 dual signing). Keys come from Herald's key lifecycle (WebAdmin /dkim): a key signs only
 * once DNS publishes it.
 *
 * <p>Init parameters:
 * <ul>
 *   <li>{@code signingDomain}: {@code from} (default: the RFC 5322 From header's domain, what DMARC aligns on) or
 *       {@code envelope} (the MAIL FROM domain);</li>
 *   <li>{@code noKeyProcessor}: where mail goes when its domain has no active key; unset (default): it goes on
 *       unsigned, logged and counted;</li>
 *   <li>{@code usersSignOnlyTheirDomain}: {@code true} (default): mail of an SMTP-authenticated user named
 *       {@code user@example.com} is signed only for example.com and the domains below it — Herald's keys never vouch
 *       for a From address the user has no claim to (another hosted domain); such mail goes on unsigned, logged and
 *       counted. Mail from authorized networks and mail Herald itself sends is signed for any keyed domain.</li>
 * </ul>
 * Metrics: {@code herald_dkim_signatures_rsa_sha256}, {@code herald_dkim_signatures_ed25519_sha256},
 * {@code herald_dkim_unsigned}, {@code herald_dkim_refused_foreign_domain}, and the {@code herald_dkim_signing} timer.
 *
 * <p>The signature covers the message exactly as it will be relayed. A message read unchanged from the queue is kept
 * by reference with the signature fields in front ({@link HeaderPrefixedMessage}: the outgoing queue then shares the
 * spooled body instead of writing the message again); any other message is rebuilt from the signed bytes with the
 * signatures in front. Either way no later re-encoding by JavaMail can change what was signed.
 */
public class DkimSign extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimSign.class);
    /** "No key for example.com" is worth one line per domain (or user and domain) per hour, not one per mail. */
    private static final Duration NO_KEY_LOG_INTERVAL = Duration.ofHours(1);

    private final SigningKeyCache keys;
    private final DkimSigner signer;
    private final MetricFactory metrics;
    private final Clock clock;
    private final ConcurrentMap<String, Instant> lastNoKeyLog = new ConcurrentHashMap<>();
    private boolean fromHeader;
    private boolean usersSignOnlyTheirDomain;
    private Optional<String> noKeyProcessor;

    @Inject
    public DkimSign(SigningKeyCache keys, DkimSigner signer, MetricFactory metrics, Clock clock) {
        this.keys = keys;
        this.signer = signer;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        String signingDomain = getInitParameter("signingDomain", "from").trim().toLowerCase(Locale.ROOT);
        if (!signingDomain.equals("from") && !signingDomain.equals("envelope")) {
            throw new MessagingException("DkimSign: signingDomain \"" + signingDomain + "\" must be from or envelope");
        }
        fromHeader = signingDomain.equals("from");
        noKeyProcessor = Optional.ofNullable(getInitParameter("noKeyProcessor")).map(String::trim).filter(name -> !name.isEmpty());
        String usersOnly = getInitParameter("usersSignOnlyTheirDomain", "true").trim().toLowerCase(Locale.ROOT);
        if (!usersOnly.equals("true") && !usersOnly.equals("false")) {
            throw new MessagingException("DkimSign: usersSignOnlyTheirDomain \"" + usersOnly + "\" must be true or false");
        }
        usersSignOnlyTheirDomain = usersOnly.equals("true");
    }

    @Override
    public String getMailetInfo() {
        return "Herald DKIM signing with the sender domain's active keys";
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> domain = signingDomain(mail);
        Optional<String> user = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class);
        if (usersSignOnlyTheirDomain && domain.isPresent() && user.isPresent() && !mayClaim(user.get(), domain.get())) {
            metrics.generate("herald_dkim_refused_foreign_domain").increment();
            logAtMostHourly(user.get() + " " + domain.get(), () -> LOGGER.warn(
                "Mail of authenticated user {} claims to be from {}, not the user's domain: not DKIM-signed", user.get(), domain.get()));
            return;
        }
        List<DkimSigningKey> active = domain.map(this::activeKeys).orElse(List.of());
        if (active.isEmpty()) {
            unsigned(mail, domain);
            return;
        }
        TimeMetric timer = metrics.timer("herald_dkim_signing");
        try {
            MimeMessage message = mail.getMessage();
            boolean byReference = HeaderPrefixedMessage.canPrefix(message);
            byte[] raw = byReference ? sourceBytes(message) : MessageBytes.of(message);
            StringBuilder fields = new StringBuilder();
            signer.sign(raw, active).forEach(signature -> fields.append(signature).append("\r\n"));
            byte[] prefix = fields.toString().getBytes(StandardCharsets.US_ASCII);
            if (byReference) {
                HeaderPrefixedMessage signed = HeaderPrefixedMessage.prefix(prefix, (MimeMessageWrapper) message);
                if (mail instanceof MailImpl impl) {
                    // Mail.setMessage would copy the whole message into memory first.
                    impl.setMessageNoCopy(signed);
                } else {
                    mail.setMessage(signed);
                }
            } else {
                mail.setMessage(new MimeMessage(Session.getDefaultInstance(System.getProperties()),
                    new SequenceInputStream(new ByteArrayInputStream(prefix), new ByteArrayInputStream(raw))));
            }
            for (DkimSigningKey key : active) {
                metrics.generate(counterName(key.algorithm())).increment();
            }
        } finally {
            timer.stopAndPublish();
        }
    }

    /** The bytes an unchanged message is read back as: exactly what follows the signatures when it is sent. */
    private static byte[] sourceBytes(MimeMessage message) throws MessagingException {
        try (InputStream in = new MimeMessageInputStream(message)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MessagingException("Cannot read the message to sign", e);
        }
    }

    static String counterName(DkimAlgorithm algorithm) {
        return "herald_dkim_signatures_" + algorithm.tag().replace('-', '_');
    }

    private List<DkimSigningKey> activeKeys(String domain) {
        try {
            return keys.activeKeys(domain);
        } catch (RuntimeException e) {
            // The store is unreachable and this node never loaded the domain's keys: treated as "no key", loudly.
            LOGGER.error("DKIM keys of {} cannot be read ({}); mail from it goes on unsigned", domain, e.getMessage());
            return List.of();
        }
    }

    /**
     * A user named user@example.com may claim example.com and the domains below it; a user name without a domain
     * (James without virtual hosting) says nothing, so it claims any.
     */
    static boolean mayClaim(String user, String domain) {
        int at = user.lastIndexOf('@');
        if (at < 0) {
            return true;
        }
        String usersDomain = user.substring(at + 1).toLowerCase(Locale.ROOT);
        return domain.equals(usersDomain) || domain.endsWith("." + usersDomain);
    }

    private void unsigned(Mail mail, Optional<String> domain) {
        metrics.generate("herald_dkim_unsigned").increment();
        String who = domain.orElse("(no sender domain)");
        logAtMostHourly(who, () -> LOGGER.info("Mail from {} is not DKIM-signed: no active DKIM key for it (see GET "
            + "/dkim/domains/{}/keys); {}", who, who, noKeyProcessor.map(state -> "sent to processor " + state).orElse("delivered unsigned")));
        noKeyProcessor.ifPresent(mail::setState);
    }

    private void logAtMostHourly(String key, Runnable log) {
        Instant now = clock.instant();
        Instant last = lastNoKeyLog.get(key);
        if (last == null || !now.isBefore(last.plus(NO_KEY_LOG_INTERVAL))) {
            lastNoKeyLog.put(key, now);
            log.run();
        }
    }

    private Optional<String> signingDomain(Mail mail) throws MessagingException {
        return rawSigningDomain(mail).flatMap(DkimSign::validDomain);
    }

    /** A domain no key can exist for (a bare host name, a literal) is simply a domain without a key. */
    private static Optional<String> validDomain(String domain) {
        try {
            return Optional.of(DkimNames.domain(domain));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<String> rawSigningDomain(Mail mail) throws MessagingException {
        if (!fromHeader) {
            return mail.getMaybeSender().asOptional().map(MailAddress::getDomain).map(domain -> domain.asString());
        }
        String[] from = mail.getMessage().getHeader("From");
        if (from == null || from.length == 0) {
            return Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
            if (addresses.length == 0) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            int at = address == null ? -1 : address.lastIndexOf('@');
            return at < 0 ? Optional.empty() : Optional.of(address.substring(at + 1).toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
