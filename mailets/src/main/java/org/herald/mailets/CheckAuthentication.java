package org.herald.mailets;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.herald.core.auth.AuthenticationResultsHeader;
import org.herald.core.dkim.DkimResult;
import org.herald.core.dkim.DkimVerification;
import org.herald.core.dkim.DkimVerifier;
import org.herald.core.dkim.keys.DkimConfiguration;
import org.herald.core.spf.SpfOutcome;
import org.herald.core.spf.SpfVerifier;

/**
 * Verifies inbound mail: every DKIM signature (RSA and Ed25519) and SPF for the client address and MAIL FROM (or
 * HELO for the null sender). Writes one {@code Authentication-Results} header with Herald's authserv-id, after
 * removing any header that forges that id, and records the results as mail attributes for later mailets (DMARC):
 * {@code herald.dkim.pass} (the d= domains whose signature passed), {@code herald.dkim.results}
 * ("result d= s= a=" per signature), {@code herald.spf.result} and {@code herald.spf.domain}.
 *
 * <p>Init parameters: {@code spf} (true) to turn SPF off where another server in front already checks it. The
 * authserv-id is conf/dkim.xml's {@code <verification authservId>}, by default the server's default domain. A DNS
 * failure yields temperror results, never an exception: the mail goes on. Metrics:
 * {@code herald_dkim_verified_<result>} per signature, {@code herald_spf_<result>}.
 */
public class CheckAuthentication extends GenericMailet {
    public static final AttributeName DKIM_PASS = AttributeName.of("herald.dkim.pass");
    public static final AttributeName DKIM_RESULTS = AttributeName.of("herald.dkim.results");
    public static final AttributeName SPF_RESULT = AttributeName.of("herald.spf.result");
    public static final AttributeName SPF_DOMAIN = AttributeName.of("herald.spf.domain");

    private final DkimVerifier dkim;
    private final SpfVerifier spf;
    private final DkimConfiguration configuration;
    private final DomainList domainList;
    private final MetricFactory metrics;
    private boolean checkSpf;
    private String authservId;

    @Inject
    public CheckAuthentication(DkimVerifier dkim, SpfVerifier spf, DkimConfiguration configuration, DomainList domainList,
                               MetricFactory metrics) {
        this.dkim = dkim;
        this.spf = spf;
        this.configuration = configuration;
        this.domainList = domainList;
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        checkSpf = getBooleanParameter(getInitParameter("spf"), true);
        try {
            authservId = configuration.authservId().orElse(domainList.getDefaultDomain().asString());
        } catch (DomainListException e) {
            throw new MessagingException("CheckAuthentication: no authserv-id: set conf/dkim.xml <verification authservId>", e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Herald inbound DKIM and SPF verification";
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        removeForgedResults(message);
        List<DkimVerification> signatures = dkim.verify(MessageBytes.of(message));
        Optional<SpfOutcome> spfOutcome = checkSpf ? Optional.of(spf(mail)) : Optional.empty();

        message.addHeader(AuthenticationResultsHeader.NAME, AuthenticationResultsHeader.value(authservId, signatures, spfOutcome));

        List<AttributeValue<?>> passed = signatures.stream()
            .filter(signature -> signature.result() == DkimResult.PASS)
            .map(signature -> AttributeValue.of(signature.domain()))
            .distinct()
            .<AttributeValue<?>>map(value -> value)
            .toList();
        List<AttributeValue<?>> results = signatures.stream()
            .<AttributeValue<?>>map(signature -> AttributeValue.of(signature.result().authResultsValue() + " d=" + signature.domain()
                + " s=" + signature.selector() + " a=" + signature.algorithmTag()))
            .toList();
        mail.setAttribute(new Attribute(DKIM_PASS, AttributeValue.of(passed)));
        mail.setAttribute(new Attribute(DKIM_RESULTS, AttributeValue.of(results)));
        spfOutcome.ifPresent(outcome -> {
            mail.setAttribute(new Attribute(SPF_RESULT, AttributeValue.of(outcome.result().authResultsValue())));
            mail.setAttribute(new Attribute(SPF_DOMAIN, AttributeValue.of(outcome.domain())));
            metrics.generate("herald_spf_" + outcome.result().authResultsValue()).increment();
        });
        signatures.forEach(signature -> metrics.generate("herald_dkim_verified_" + signature.result().authResultsValue()).increment());
    }

    private SpfOutcome spf(Mail mail) {
        String helo = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_HELO, String.class).orElse(mail.getRemoteHost());
        String sender = mail.getMaybeSender().asOptional().map(Object::toString).orElse("");
        return spf.check(mail.getRemoteAddr(), sender, helo);
    }

    /** RFC 8601 §5: a header carrying our own authserv-id that we did not write is a forgery and goes. */
    private void removeForgedResults(MimeMessage message) throws MessagingException {
        String[] existing = message.getHeader(AuthenticationResultsHeader.NAME);
        if (existing == null) {
            return;
        }
        List<String> kept = java.util.Arrays.stream(existing)
            .filter(value -> !AuthenticationResultsHeader.claimsToBeFrom(value, authservId))
            .toList();
        if (kept.size() != existing.length) {
            message.removeHeader(AuthenticationResultsHeader.NAME);
            for (String value : kept) {
                message.addHeader(AuthenticationResultsHeader.NAME, value);
            }
        }
    }
}
