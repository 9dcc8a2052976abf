package org.herald.queue.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.mailet.Mail;
import org.herald.queue.engine.QuarantinedItem;
import org.herald.queue.engine.QueueEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantinedMailsTest {
    @TempDir
    Path quarantine;

    private static String text(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aQuarantinedEntryWithHeaderFieldsInItsEnvelopeComesBackWithThemInFrontOfItsBody() throws Exception {
        Path body = Files.writeString(quarantine.resolve("0000000000000007.body"),
            "Subject: kept\r\n\r\nthe body\r\n", StandardCharsets.US_ASCII);
        QueueEnvelope envelope = new QueueEnvelope("m7", "a@herald.test", List.of("b@remote.example"), "root", null, null, null,
            Map.of(MailEnvelopes.HEADER_FIELDS, "DKIM-Signature: v=1; b=xyz\r\n"), Map.of(), null, null, 0);

        Mail mail = QuarantinedMails.toMail("outgoing", new QuarantinedItem("0000000000000007", "body shorter than recorded",
            List.of(body), Optional.of(envelope), Optional.of(body)), 0);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).containsExactly("v=1; b=xyz");
        assertThat(text(mail)).contains("the body");
        assertThat(mail.getRecipients()).extracting(Object::toString).containsExactly("b@remote.example");
    }

    @Test
    void withoutHeaderFieldsTheBodyIsKeptAsFound() throws Exception {
        Path body = Files.writeString(quarantine.resolve("0000000000000008.body"),
            "Subject: plain\r\n\r\nno signature\r\n", StandardCharsets.US_ASCII);
        QueueEnvelope envelope = new QueueEnvelope("m8", "a@herald.test", List.of("b@remote.example"), "root", null, null, null,
            Map.of(), Map.of(), null, null, 0);

        Mail mail = QuarantinedMails.toMail("spool", new QuarantinedItem("0000000000000008", "damaged",
            List.of(body), Optional.of(envelope), Optional.of(body)), 0);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(mail.getMessage().getSubject()).isEqualTo("plain");
    }
}
