package org.herald.queue.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.herald.queue.engine.QueueEnvelope;
import org.junit.jupiter.api.Test;

class MailEnvelopesTest {
    private static final Instant ENQUEUED = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant NEXT = Instant.parse("2026-11-23T10:05:00Z");

    @Test
    void everythingButTheBodyRoundTrips() throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().setSubject("round trip").setText("body").build();
        MailImpl mail = MailImpl.builder()
            .name("mail-1")
            .sender("alice@herald.test")
            .addRecipients("bob@remote.example", "carol@remote.example")
            .state("transport")
            .errorMessage("451 try later")
            .remoteHost("client.example")
            .remoteAddr("192.0.2.7")
            .mimeMessage(message)
            .addAttribute(new Attribute(AttributeName.of("retries"), AttributeValue.of(3)))
            .addAttribute(new Attribute(AttributeName.of("permanent"), AttributeValue.of(false)))
            .addAttribute(new Attribute(AttributeName.of("note"), AttributeValue.of("é and ✓")))
            .build();
        mail.addSpecificHeaderForRecipient(PerRecipientHeaders.Header.builder().name("X-For").value("bob").build(),
            new MailAddress("bob@remote.example"));

        QueueEnvelope envelope = MailEnvelopes.toEnvelope(mail, ENQUEUED, NEXT);
        Mail restored = MailEnvelopes.toMail(envelope, new MimeMessageWrapper(message));

        assertThat(envelope.nextAttempt()).isEqualTo(NEXT);
        assertThat(envelope.enqueuedAt()).isEqualTo(ENQUEUED);
        assertThat(restored.getName()).isEqualTo("mail-1");
        assertThat(restored.getMaybeSender()).isEqualTo(MaybeSender.of(new MailAddress("alice@herald.test")));
        assertThat(restored.getRecipients()).containsExactly(new MailAddress("bob@remote.example"), new MailAddress("carol@remote.example"));
        assertThat(restored.getState()).isEqualTo("transport");
        assertThat(restored.getErrorMessage()).isEqualTo("451 try later");
        assertThat(restored.getRemoteHost()).isEqualTo("client.example");
        assertThat(restored.getRemoteAddr()).isEqualTo("192.0.2.7");
        assertThat(restored.getAttribute(AttributeName.of("retries"))).contains(new Attribute(AttributeName.of("retries"), AttributeValue.of(3)));
        assertThat(restored.getAttribute(AttributeName.of("permanent"))).contains(new Attribute(AttributeName.of("permanent"), AttributeValue.of(false)));
        assertThat(restored.getAttribute(AttributeName.of("note"))).contains(new Attribute(AttributeName.of("note"), AttributeValue.of("é and ✓")));
        assertThat(restored.getPerRecipientSpecificHeaders().getHeadersForRecipient(new MailAddress("bob@remote.example")))
            .extracting(PerRecipientHeaders.Header::getValue).containsExactly("bob");
    }

    @Test
    void theNullSenderAndMissingOptionalFieldsRoundTrip() throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().setText("bounce").build();
        MailImpl mail = MailImpl.builder().name("bounce-1").sender(MaybeSender.nullSender())
            .addRecipient("alice@herald.test").mimeMessage(message).build();

        QueueEnvelope envelope = MailEnvelopes.toEnvelope(mail, ENQUEUED, ENQUEUED);
        Mail restored = MailEnvelopes.toMail(envelope, new MimeMessageWrapper(message));

        assertThat(envelope.sender()).isEmpty();
        assertThat(restored.getMaybeSender().isNullSender()).isTrue();
        assertThat(restored.getErrorMessage()).isNull();
        assertThat(restored.attributes()).isEmpty();
        assertThat(envelope.headers()).isEqualTo(Map.of());
        assertThat(restored.getRecipients()).extracting(MailAddress::asString).isEqualTo(List.of("alice@herald.test"));
    }
}
