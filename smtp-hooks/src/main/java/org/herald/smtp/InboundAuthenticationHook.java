package org.herald.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.herald.core.auth.AuthenticationResultsHeader;
import org.herald.core.dkim.DkimResult;
import org.herald.core.dkim.DkimVerification;
import org.herald.core.dkim.DkimVerifier;
import org.herald.core.dkim.keys.DkimConfiguration;
import org.herald.core.dmarc.DmarcConfiguration;
import org.herald.core.dmarc.DmarcEvaluation;
import org.herald.core.dmarc.report.ReportSubject;
import org.herald.core.dmarc.DmarcEvaluationRow;
import org.herald.core.dmarc.DmarcEvaluator;
import org.herald.core.dmarc.DmarcInput;
import org.herald.core.dmarc.DmarcPolicy;
import org.herald.core.spf.SpfOutcome;
import org.herald.core.spf.SpfVerifier;
import org.herald.core.store.DmarcEvaluationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the end of DATA, before the 250, for mail from the world: verifies every DKIM signature and SPF, evaluates DMARC
 * for the From domain (conf/dmarc.xml) and applies it while the sender is still connected — {@code p=reject} is a
 * {@code 550 5.7.1} to the client (no bounce, so no backscatter), {@code quarantine} marks the mail (header and
 * attribute, optionally another processor). Writes one {@code Authentication-Results} header (dkim, spf, dmarc) after
 * removing any forged with Herald's authserv-id, sets the attributes {@code herald.dkim.pass}, {@code herald.dkim.results},
 * {@code herald.spf.result}, {@code herald.spf.domain}, {@code herald.dmarc.result}, and records the evaluation for
 * the aggregate reports — unless it is itself a report mail (its Subject says so): Herald never reports about reports.
 * Authenticated and relaying sessions are not checked.
 *
 * <p>Failure policy: DNS trouble gives temperror results and the mail is accepted; a store that cannot record the
 * evaluation loses that report row (counted, logged), never the mail.
 */
public class InboundAuthenticationHook implements JamesMessageHook {
    public static final AttributeName DKIM_PASS = AttributeName.of("herald.dkim.pass");
    public static final AttributeName DKIM_RESULTS = AttributeName.of("herald.dkim.results");
    public static final AttributeName SPF_RESULT = AttributeName.of("herald.spf.result");
    public static final AttributeName SPF_DOMAIN = AttributeName.of("herald.spf.domain");
    public static final AttributeName DMARC_RESULT = AttributeName.of("herald.dmarc.result");
    public static final AttributeName DMARC_DISPOSITION = AttributeName.of("herald.dmarc.disposition");
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.dmarc");

    private final DkimVerifier dkim;
    private final SpfVerifier spf;
    private final DmarcEvaluator dmarc;
    private final DmarcConfiguration configuration;
    private final DmarcEvaluationStore evaluations;
    private final MetricFactory metrics;
    private final Clock clock;
    private final String authservId;

    @Inject
    public InboundAuthenticationHook(DkimVerifier dkim, SpfVerifier spf, DmarcEvaluator dmarc, DmarcConfiguration configuration,
                                     DmarcEvaluationStore evaluations, DkimConfiguration dkimConfiguration, DomainList domainList,
                                     MetricFactory metrics, Clock clock) throws DomainListException {
        this.dkim = dkim;
        this.spf = spf;
        this.dmarc = dmarc;
        this.configuration = configuration;
        this.evaluations = evaluations;
        this.metrics = metrics;
        this.clock = clock;
        this.authservId = dkimConfiguration.authservId().orElse(domainList.getDefaultDomain().asString());
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getUsername() != null || session.isRelayingAllowed()) {
            return HookResult.DECLINED;
        }
        try {
            return check(session, mail);
        } catch (MessagingException | IOException e) {
            LOGGER.warn("Mail {} could not be checked for DKIM/SPF/DMARC ({}); accepted unchecked", mail.getName(), e.toString());
            return HookResult.DECLINED;
        }
    }

    private HookResult check(SMTPSession session, Mail mail) throws MessagingException, IOException {
        MimeMessage message = mail.getMessage();
        removeForgedResults(message);
        List<DkimVerification> signatures = dkim.verify(bytes(message));
        InetAddress client = session.getRemoteAddress().getAddress();
        String helo = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_HELO, String.class).orElse(client.getHostAddress());
        String sender = mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("");
        SpfOutcome spfOutcome = spf.check(client.getHostAddress(), sender, helo);

        Optional<DmarcInput> input = Optional.empty();
        Optional<DmarcEvaluation> evaluation = Optional.empty();
        if (configuration.enabled()) {
            String envelopeDomain = mail.getMaybeSender().asOptional().map(address -> address.getDomain().asString()).orElse("");
            Optional<String> listId = Optional.ofNullable(message.getHeader("List-Id", null));
            input = fromDomain(message)
                .map(from -> new DmarcInput(from, envelopeDomain, client, signatures, Optional.of(spfOutcome), listId));
            evaluation = Optional.of(input.map(dmarc::evaluate).orElseGet(DmarcEvaluation::noFromDomain));
        }

        message.addHeader(AuthenticationResultsHeader.NAME, AuthenticationResultsHeader.value(authservId, signatures,
            Optional.of(spfOutcome), evaluation.map(DmarcEvaluation::authResultsValue)));
        setAttributes(mail, signatures, spfOutcome, evaluation);
        signatures.forEach(signature -> metrics.generate("herald_dkim_verified_" + signature.result().authResultsValue()).increment());
        metrics.generate("herald_spf_" + spfOutcome.result().authResultsValue()).increment();
        if (evaluation.isEmpty()) {
            return HookResult.DECLINED;
        }
        DmarcEvaluation evaluated = evaluation.get();
        DmarcPolicy disposition = configuration.localDisposition(evaluated.disposition());
        metrics.generate("herald_dmarc_" + evaluated.result().authResultsValue()).increment();
        if (!ReportSubject.isReport(message.getSubject())) {
            input.ifPresent(evaluatedInput -> record(mail, evaluatedInput, evaluated));
        }
        if (disposition == DmarcPolicy.REJECT) {
            metrics.generate("herald_dmarc_rejected").increment();
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
                .smtpDescription("5.7.1 Rejected: the DMARC policy of " + evaluated.headerFromDomain()
                    + " asks to reject mail that fails its authentication checks")
                .build();
        }
        if (disposition == DmarcPolicy.QUARANTINE) {
            metrics.generate("herald_dmarc_quarantined").increment();
            message.setHeader(configuration.quarantineHeader(), evaluated.authResultsValue());
            configuration.quarantineProcessor().ifPresent(mail::setState);
        }
        return HookResult.DECLINED;
    }

    /** Only a message with one From domain can have a policy, hence a row: the evaluated input is what is recorded. */
    private void record(Mail mail, DmarcInput input, DmarcEvaluation evaluation) {
        Optional<String> envelopeTo = mail.getRecipients().stream().findFirst().map(recipient -> recipient.getDomain().asString());
        try {
            DmarcEvaluationRow.of(input, evaluation, envelopeTo, clock.instant())
                .map(row -> row.withDisposition(configuration.localDisposition(evaluation.disposition())))
                .ifPresent(evaluations::record);
        } catch (RuntimeException e) {
            metrics.generate("herald_dmarc_rows_lost").increment();
            LOGGER.warn("A DMARC evaluation of {} could not be recorded for the reports: {}", evaluation.headerFromDomain(), e.toString());
        }
    }

    private static void setAttributes(Mail mail, List<DkimVerification> signatures, SpfOutcome spfOutcome,
                                      Optional<DmarcEvaluation> evaluation) {
        List<AttributeValue<?>> passed = signatures.stream()
            .filter(signature -> signature.result() == DkimResult.PASS)
            .map(signature -> signature.domain())
            .distinct()
            .<AttributeValue<?>>map(AttributeValue::of)
            .toList();
        List<AttributeValue<?>> results = signatures.stream()
            .<AttributeValue<?>>map(signature -> AttributeValue.of(signature.result().authResultsValue() + " d=" + signature.domain()
                + " s=" + signature.selector() + " a=" + signature.algorithmTag()))
            .toList();
        mail.setAttribute(new Attribute(DKIM_PASS, AttributeValue.of(passed)));
        mail.setAttribute(new Attribute(DKIM_RESULTS, AttributeValue.of(results)));
        mail.setAttribute(new Attribute(SPF_RESULT, AttributeValue.of(spfOutcome.result().authResultsValue())));
        mail.setAttribute(new Attribute(SPF_DOMAIN, AttributeValue.of(spfOutcome.domain())));
        evaluation.ifPresent(evaluated -> {
            mail.setAttribute(new Attribute(DMARC_RESULT, AttributeValue.of(evaluated.result().authResultsValue())));
            mail.setAttribute(new Attribute(DMARC_DISPOSITION, AttributeValue.of(evaluated.disposition().tag())));
        });
    }

    /** The From domain, when the message has exactly one From address (RFC 7489 §6.6.1); otherwise none. */
    private static Optional<String> fromDomain(MimeMessage message) throws MessagingException {
        String[] from = message.getHeader("From");
        if (from == null || from.length != 1) {
            return Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
            if (addresses.length != 1 || addresses[0].getAddress() == null || addresses[0].getAddress().lastIndexOf('@') < 0) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            return Optional.of(address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /** RFC 8601 §5: a header carrying our own authserv-id that we did not write is a forgery and goes. */
    private void removeForgedResults(MimeMessage message) throws MessagingException {
        String[] existing = message.getHeader(AuthenticationResultsHeader.NAME);
        if (existing == null) {
            return;
        }
        List<String> kept = Arrays.stream(existing)
            .filter(value -> !AuthenticationResultsHeader.claimsToBeFrom(value, authservId))
            .toList();
        if (kept.size() != existing.length) {
            message.removeHeader(AuthenticationResultsHeader.NAME);
            for (String value : kept) {
                message.addHeader(AuthenticationResultsHeader.NAME, value);
            }
        }
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 0) + 1024);
        message.writeTo(out);
        return out.toByteArray();
    }
}
