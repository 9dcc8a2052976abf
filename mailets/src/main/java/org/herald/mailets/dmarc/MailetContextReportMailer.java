package org.herald.mailets.dmarc;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.MailetContext;
import org.herald.core.dmarc.outgoing.AggregateReportMailer;
import org.herald.core.dmarc.outgoing.OutgoingReportDecision;
import org.herald.core.dmarc.outgoing.OutgoingReportSettings;

/**
 * Puts a report mail on the spool like any mail a mailet sends: it then takes the normal outbound path of
 * conf/mailetcontainer.xml (DkimSign, SmarthostDelivery with its retries, or local delivery for a local rua=). The
 * attribute {@value #ATTRIBUTE} lets conf/relays.xml give reports their own stream and relay.
 */
public final class MailetContextReportMailer implements AggregateReportMailer {
    public static final String ATTRIBUTE = "herald.dmarc.report";
    private static final AttributeName NAME = AttributeName.of(ATTRIBUTE);

    private final MailetContext context;
    private final Clock clock;

    public MailetContextReportMailer(MailetContext context, Clock clock) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void mail(OutgoingReportDecision.Send report, OutgoingReportSettings settings) {
        try {
            MimeMessage message = AggregateReportMessage.of(report, settings, Date.from(clock.instant()));
            List<MailAddress> recipients = report.recipients().stream().map(MailetContextReportMailer::address).toList();
            MailImpl mail = MailImpl.builder()
                .name(MailImpl.getId())
                .sender(new MailAddress(settings.email()))
                .addRecipients(recipients)
                .mimeMessage(message)
                .addAttribute(new Attribute(NAME, AttributeValue.of("aggregate")))
                .build();
            try {
                context.sendMail(mail);
            } finally {
                mail.dispose();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("the report mail could not be put on the spool: " + e.getMessage(), e);
        }
    }

    private static MailAddress address(String address) {
        try {
            return new MailAddress(address);
        } catch (AddressException e) {
            throw new IllegalArgumentException("rua address " + address + " is not a mail address: " + e.getMessage(), e);
        }
    }
}
