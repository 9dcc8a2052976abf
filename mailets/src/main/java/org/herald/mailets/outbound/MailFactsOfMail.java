package org.herald.mailets.outbound;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.herald.core.relay.MailFacts;

/** A James mail seen through the questions stream rules ask; each read only when a rule asks it. */
public final class MailFactsOfMail implements MailFacts {
    private final Mail mail;

    public MailFactsOfMail(Mail mail) {
        this.mail = mail;
    }

    @Override
    public Optional<String> authenticatedUser() {
        return attribute(Mail.SMTP_AUTH_USER.asString());
    }

    @Override
    public Optional<String> senderDomain() {
        return mail.getMaybeSender().asOptional().map(MailAddress::getDomain).map(domain -> domain.asString().toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<String> fromDomain() {
        try {
            String from = mail.getMessage().getHeader("From", ",");
            if (from == null) {
                return Optional.empty();
            }
            InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
            if (addresses.length == 0 || addresses[0].getAddress() == null) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            int at = address.lastIndexOf('@');
            return at < 0 ? Optional.empty() : Optional.of(address.substring(at + 1).toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot read the From: header of mail " + mail.getName(), e);
        }
    }

    @Override
    public List<String> header(String name) {
        try {
            String[] values = mail.getMessage().getHeader(name);
            return values == null ? List.of() : List.of(values);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot read the headers of mail " + mail.getName(), e);
        }
    }

    @Override
    public Optional<String> attribute(String name) {
        return mail.getAttribute(AttributeName.of(name)).map(attribute -> String.valueOf(attribute.getValue().value()));
    }
}
