package org.herald.queue.james;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.herald.queue.engine.QueueEnvelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Translates between a James {@link Mail} and the engine's {@link QueueEnvelope}: everything but the message body.
 * Attributes travel as James's own JSON form of their values (so any serializable attribute round-trips), and
 * per-recipient headers as a JSON list of name/value pairs keyed by recipient.
 */
final class MailEnvelopes {
    /**
     * The header fields of a {@link HeaderPrefixedMessage} whose body is shared with another entry: kept among the
     * envelope's attributes under a name no James attribute has, as ISO-8859-1 text rather than JSON.
     */
    static final String HEADER_FIELDS = "herald.queue.headerFields";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, String>>> HEADER_LIST = new TypeReference<>() {
    };

    private MailEnvelopes() {
    }

    static QueueEnvelope toEnvelope(Mail mail, Instant enqueuedAt, Instant nextAttempt) {
        return QueueEnvelope.builder(mail.getName())
            .sender(mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(""))
            .recipients(mail.getRecipients().stream().map(MailAddress::asString).toList())
            .state(Optional.ofNullable(mail.getState()).orElse(Mail.DEFAULT))
            .errorMessage(Optional.ofNullable(mail.getErrorMessage()).orElse(""))
            .remoteHost(Optional.ofNullable(mail.getRemoteHost()).orElse(""))
            .remoteAddress(Optional.ofNullable(mail.getRemoteAddr()).orElse(""))
            .attributes(attributes(mail))
            .headers(perRecipientHeaders(mail.getPerRecipientSpecificHeaders()))
            .enqueuedAt(enqueuedAt)
            .nextAttempt(nextAttempt)
            .attempts(0)
            .build();
    }

    /**
     * The stored envelope brought up to date with what processing changed on the mail; its history is kept, and so are
     * the header fields in front of its body.
     */
    static QueueEnvelope updated(QueueEnvelope stored, Mail mail) {
        QueueEnvelope current = toEnvelope(mail, stored.enqueuedAt(), stored.nextAttempt());
        String fields = stored.attributes().get(HEADER_FIELDS);
        if (fields != null) {
            current = withAttribute(current, HEADER_FIELDS, fields);
        }
        return current.withAttempts(stored.attempts() + 1);
    }

    /** {@code envelope} for a body shared with another entry, with {@code headerFields} in front of it. */
    static QueueEnvelope withHeaderFields(QueueEnvelope envelope, byte[] headerFields) {
        return withAttribute(envelope, HEADER_FIELDS, new String(headerFields, StandardCharsets.ISO_8859_1));
    }

    private static QueueEnvelope withAttribute(QueueEnvelope envelope, String name, String value) {
        Map<String, String> attributes = new LinkedHashMap<>(envelope.attributes());
        attributes.put(name, value);
        return new QueueEnvelope(envelope.name(), envelope.sender(), envelope.recipients(), envelope.state(),
            envelope.errorMessage(), envelope.remoteHost(), envelope.remoteAddress(), attributes, envelope.headers(),
            envelope.enqueuedAt(), envelope.nextAttempt(), envelope.attempts());
    }

    /** The message of an entry: its stored body, behind the header fields the envelope keeps, if any. */
    static MimeMessageWrapper message(QueueEnvelope envelope, MimeMessageWrapper body) throws MessagingException {
        String fields = envelope.attributes().get(HEADER_FIELDS);
        return fields == null ? body : HeaderPrefixedMessage.prefix(fields.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static Map<String, String> attributes(Mail mail) {
        Map<String, String> serialized = new LinkedHashMap<>();
        mail.attributes()
            .filter(attribute -> !RecoveredMail.isMarker(attribute.getName().asString()))
            .forEach(attribute -> attribute.getValue().toJson()
                .ifPresent(json -> serialized.put(attribute.getName().asString(), json.toString())));
        return serialized;
    }

    private static Map<String, String> perRecipientHeaders(PerRecipientHeaders headers) {
        Map<String, String> serialized = new LinkedHashMap<>();
        for (MailAddress recipient : headers.getRecipientsWithSpecificHeaders()) {
            Collection<PerRecipientHeaders.Header> forRecipient = headers.getHeadersForRecipient(recipient);
            List<Map<String, String>> pairs = forRecipient.stream()
                .map(header -> Map.of("name", header.getName(), "value", header.getValue()))
                .toList();
            try {
                serialized.put(recipient.asString(), JSON.writeValueAsString(pairs));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot serialize per-recipient headers", e);
            }
        }
        return serialized;
    }

    /**
     * The mail an envelope describes, over its stored {@code body} as it is (behind the envelope's header fields): not copied (MailImpl's builder would copy the
     * message into memory and lose the link to the stored body).
     */
    static MailImpl toMail(QueueEnvelope envelope, MimeMessageWrapper body) throws MessagingException {
        MimeMessageWrapper message = message(envelope, body);
        MailImpl.Builder builder = MailImpl.builder()
            .name(envelope.name())
            .sender(envelope.sender().isEmpty() ? MaybeSender.nullSender() : MaybeSender.of(new MailAddress(envelope.sender())))
            .addRecipients(recipients(envelope.recipients()))
            .state(envelope.state())
            .lastUpdated(Date.from(envelope.enqueuedAt()));
        if (!envelope.errorMessage().isEmpty()) {
            builder.errorMessage(envelope.errorMessage());
        }
        if (!envelope.remoteHost().isEmpty()) {
            builder.remoteHost(envelope.remoteHost());
        }
        if (!envelope.remoteAddress().isEmpty()) {
            builder.remoteAddr(envelope.remoteAddress());
        }
        for (Map.Entry<String, String> attribute : envelope.attributes().entrySet()) {
            if (attribute.getKey().equals(HEADER_FIELDS)) {
                continue;
            }
            try {
                builder.addAttribute(new Attribute(AttributeName.of(attribute.getKey()), AttributeValue.fromJsonString(attribute.getValue())));
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable attribute " + attribute.getKey() + " of queued mail " + envelope.name(), e);
            }
        }
        builder.addAllHeadersForRecipients(perRecipientHeaders(envelope.headers()));
        MailImpl mail = builder.build();
        mail.setMessageNoCopy(message);
        return mail;
    }

    private static List<MailAddress> recipients(List<String> recipients) throws AddressException {
        List<MailAddress> addresses = new ArrayList<>();
        for (String recipient : recipients) {
            addresses.add(new MailAddress(recipient));
        }
        return addresses;
    }

    private static PerRecipientHeaders perRecipientHeaders(Map<String, String> serialized) throws AddressException {
        PerRecipientHeaders headers = new PerRecipientHeaders();
        for (Map.Entry<String, String> entry : serialized.entrySet()) {
            MailAddress recipient = new MailAddress(entry.getKey());
            try {
                for (Map<String, String> pair : JSON.readValue(entry.getValue(), HEADER_LIST)) {
                    headers.addHeaderForRecipient(PerRecipientHeaders.Header.builder().name(pair.get("name")).value(pair.get("value")), recipient);
                }
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("Unreadable per-recipient headers for " + recipient, e);
            }
        }
        return headers;
    }
}
