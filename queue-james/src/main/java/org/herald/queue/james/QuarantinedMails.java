package org.herald.queue.james;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.herald.queue.engine.QuarantinedItem;
import org.herald.queue.engine.QueueEnvelope;

/**
 * A damaged queue entry as a mail an operator can browse in a James mail repository (WebAdmin /mailRepositories):
 * the envelope when its journal record survived, the body as found (possibly truncated) when there was one, else a
 * short note; the reason in the error message and in the {@code herald.quarantine.reason} attribute.
 */
public final class QuarantinedMails {
    public static final AttributeName REASON = AttributeName.of("herald.quarantine.reason");
    public static final AttributeName QUEUE = AttributeName.of("herald.quarantine.queue");

    private QuarantinedMails() {
    }

    public static Mail toMail(String queueName, QuarantinedItem item, int ordinal) throws MessagingException, IOException {
        Optional<QueueEnvelope> envelope = item.envelope();
        MailImpl.Builder mail = MailImpl.builder()
            .name("quarantined-" + queueName + "-" + Optional.ofNullable(item.entryId()).orElse("record-" + ordinal))
            .state(Mail.ERROR)
            .errorMessage(item.reason())
            .addAttribute(new Attribute(REASON, AttributeValue.of(item.reason())))
            .addAttribute(new Attribute(QUEUE, AttributeValue.of(queueName)));
        if (envelope.isPresent()) {
            QueueEnvelope known = envelope.get();
            mail.sender(known.sender().isEmpty() ? MaybeSender.nullSender() : MaybeSender.getMailSender(known.sender()));
            for (String recipient : known.recipients()) {
                mail.addRecipient(new MailAddress(recipient));
            }
        }
        MailImpl result = mail.build();
        result.setMessage(message(item));
        return result;
    }

    private static MimeMessage message(QuarantinedItem item) throws MessagingException, IOException {
        if (item.body().isPresent() && Files.isRegularFile(item.body().get())) {
            // An entry whose body was shared kept the header fields in front of it (DKIM signatures) in its envelope.
            byte[] headerFields = item.envelope().map(envelope -> envelope.attributes().get(MailEnvelopes.HEADER_FIELDS))
                .map(fields -> fields.getBytes(StandardCharsets.ISO_8859_1)).orElse(new byte[0]);
            try (InputStream in = new SequenceInputStream(new ByteArrayInputStream(headerFields), Files.newInputStream(item.body().get()))) {
                MimeMessage found = new MimeMessage(Session.getInstance(new java.util.Properties()), in);
                found.getAllHeaders(); // fail here, not later in the repository, if even the headers are unreadable
                return found;
            } catch (MessagingException unreadable) {
                return note(item, "The body in quarantine is not a readable message: " + unreadable.getMessage());
            }
        }
        return note(item, "No body was found for this entry.");
    }

    private static MimeMessage note(QuarantinedItem item, String detail) throws MessagingException {
        return MimeMessageBuilder.mimeMessageBuilder()
            .setSubject("Damaged queue entry " + Optional.ofNullable(item.entryId()).orElse("(unknown)"))
            .setText(item.reason() + "\n" + detail + "\nFiles kept: " + item.files() + "\n")
            .build();
    }
}
