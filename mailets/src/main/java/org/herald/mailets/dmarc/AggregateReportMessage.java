package org.herald.mailets.dmarc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;

import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.herald.core.dmarc.outgoing.OutgoingReportDecision;
import org.herald.core.dmarc.outgoing.OutgoingReportSettings;

/**
 * The mail that carries one aggregate report (RFC 7489 §7.2.1.1): From the reporting address, To the rua= addresses,
 * the RFC's Subject form, a short text part a person can read, and the gzipped XML as an {@code application/gzip}
 * attachment named {@code receiver!policy-domain!begin!end.xml.gz}.
 */
public final class AggregateReportMessage {
    private static final Session SESSION = Session.getInstance(new Properties());

    private AggregateReportMessage() {
    }

    public static MimeMessage of(OutgoingReportDecision.Send report, OutgoingReportSettings settings, Date date) throws MessagingException {
        MimeMessage message = new FixedIdMessage(messageId(report, settings, date));
        message.setFrom(new InternetAddress(settings.email()));
        for (String recipient : report.recipients()) {
            message.addRecipient(javax.mail.Message.RecipientType.TO, new InternetAddress(recipient));
        }
        // Unfolded, so receivers' filters matching "Report Domain: ... Report-ID:" on one line find it.
        message.setHeader("Subject", report.subject());
        message.setSentDate(date);

        MimeBodyPart text = new MimeBodyPart();
        text.setText("This is a DMARC aggregate report (RFC 7489) from " + settings.orgName() + " about mail claiming to be from "
            + report.policyDomain() + ", covering " + report.report().metadata().dateRange().begin() + " to "
            + report.report().metadata().dateRange().end() + " (UTC).\r\n"
            + "It was sent because " + report.policyDomain() + "'s DMARC record asks for aggregate reports (rua=).\r\n"
            + "Questions: " + settings.email() + "\r\n", StandardCharsets.UTF_8.name());
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(report.gzipped(), "application/gzip")));
        attachment.setFileName(report.fileName());
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        MimeMultipart multipart = new MimeMultipart("mixed");
        multipart.addBodyPart(text);
        multipart.addBodyPart(attachment);
        message.setContent(multipart);
        message.saveChanges();
        return message;
    }

    /** Stable for one report, so a receiver can tell a resend from a new report; never a host-name lookup. */
    private static String messageId(OutgoingReportDecision.Send report, OutgoingReportSettings settings, Date date) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(report.report().metadata().reportId().getBytes(StandardCharsets.UTF_8));
            digest.update(Long.toString(date.getTime()).getBytes(StandardCharsets.UTF_8));
            return "<dmarc-" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "@" + settings.orgName() + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** JavaMail would make a Message-ID from the local host name, which may mean a DNS lookup and names a host. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
