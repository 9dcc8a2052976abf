package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class DkimSignerTest {
    private static final Instant NOW = Instant.parse("2024-05-01T08:00:00Z");
    private final DkimSigner signer = new DkimSigner(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void writesOneCompleteFieldPerKeyInKeyOrder() {
        List<String> fields = signer.sign(TestMessages.plain(), List.of(TestKeys.ed25519Key("2024e"), TestKeys.rsaKey("2024r")));

        assertThat(fields).hasSize(2);
        assertThat(fields.get(0)).startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;");
        assertThat(fields.get(1)).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;");
        DkimTagList ed25519 = Rfc8463Test.tagsOf(fields.get(0));
        DkimTagList rsa = Rfc8463Test.tagsOf(fields.get(1));
        assertThat(ed25519.tags()).extracting(DkimTagList.Tag::name).containsExactly("v", "a", "c", "d", "s", "t", "h", "bh", "b");
        assertThat(ed25519.get("d")).contains("herald.example");
        assertThat(ed25519.get("s")).contains("2024e");
        assertThat(rsa.get("s")).contains("2024r");
        assertThat(ed25519.get("t")).contains(String.valueOf(NOW.getEpochSecond()));
        assertThat(Base64.getDecoder().decode(ed25519.tag("b").orElseThrow().compactValue())).hasSize(64);
        assertThat(Base64.getDecoder().decode(rsa.tag("b").orElseThrow().compactValue())).hasSize(256);
    }

    @Test
    void bothSignaturesCarryTheSameBodyHashOfTheRelaxedBody() {
        List<String> fields = signer.sign(TestMessages.plain(), List.of(TestKeys.ed25519Key("e"), TestKeys.rsaKey("r")));

        String expected = Base64.getEncoder().encodeToString(
            Sha256.of("Hi Bob,\r\n\r\nLunch at noon on Friday?\r\n\r\nAlice\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(fields).allSatisfy(field -> assertThat(Rfc8463Test.tagsOf(field).tag("bh").orElseThrow().compactValue())
            .isEqualTo(expected));
    }

    @Test
    void theEmptyBodyHashesAsNothing() {
        String field = signer.sign("From: a@herald.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII), List.of(TestKeys.ed25519Key("e"))).get(0);

        assertThat(Rfc8463Test.tagsOf(field).tag("bh").orElseThrow().compactValue()).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void signsEachListedFieldAsOftenAsItOccursAndOversignsFrom() {
        String message = "Received: from a by b; Wed, 1 May 2024 08:00:00 +0000\r\n"
            + "FROM: Alice <alice@herald.example>\r\n"
            + "To: one@receiver.example\r\n"
            + "X-Mailer: not signed\r\n"
            + "subject: Hello\r\n"
            + "Cc: two@receiver.example\r\n"
            + "To: three@receiver.example\r\n"
            + "List-Unsubscribe: <mailto:leave@herald.example>\r\n"
            + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
            + "\r\nBody\r\n";

        String field = signer.sign(message.getBytes(StandardCharsets.US_ASCII), List.of(TestKeys.ed25519Key("e"))).get(0);

        assertThat(Rfc8463Test.tagsOf(field).tag("h").orElseThrow().compactValue())
            .isEqualTo("from:to:subject:cc:to:list-unsubscribe:list-unsubscribe-post:from");
    }

    @Test
    void signsFromEvenWhenTheMessageHasNone() {
        String field = signer.sign("Subject: no from\r\n\r\nBody\r\n".getBytes(StandardCharsets.US_ASCII),
            List.of(TestKeys.ed25519Key("e"))).get(0);

        assertThat(Rfc8463Test.tagsOf(field).tag("h").orElseThrow().compactValue()).isEqualTo("subject:from");
    }

    @Test
    void aPolicyChoosesTheHeadersAndWhatIsOversigned() {
        DkimSigner custom = new DkimSigner(Clock.fixed(NOW, ZoneOffset.UTC),
            new SignedHeaderPolicy(List.of("From", "Subject"), List.of()), DkimSignatureEngine.pureJava());

        String field = custom.sign(TestMessages.plain(), List.of(TestKeys.ed25519Key("e"))).get(0);

        assertThat(Rfc8463Test.tagsOf(field).tag("h").orElseThrow().compactValue()).isEqualTo("from:subject");
        assertThatThrownBy(() -> new SignedHeaderPolicy(List.of("subject"), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must include from");
        assertThatThrownBy(() -> new SignedHeaderPolicy(List.of("from", "bad name"), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a header field name");
    }

    @Test
    void neverWritesLXOrI() {
        DkimTagList tags = Rfc8463Test.tagsOf(signer.sign(TestMessages.plain(), List.of(TestKeys.rsaKey("r"))).get(0));

        assertThat(tags.has("l")).isFalse();
        assertThat(tags.has("x")).isFalse();
        assertThat(tags.has("i")).isFalse();
    }

    @Test
    void foldsWithCrlfAndTabWithinTheLineWidthAndEndsWithoutCrlf() {
        List<String> fields = signer.sign(TestMessages.all().get("2,000-character header line"),
            List.of(TestKeys.ed25519Key("e"), TestKeys.rsaKey("a-rather-long-selector-name.for-testing")));

        assertThat(fields).allSatisfy(field -> {
            assertThat(field).doesNotEndWith("\r\n").doesNotContain("\n\r").doesNotContain(" \r\n");
            String[] lines = field.split("\r\n", -1);
            assertThat(lines.length).isGreaterThan(2);
            assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(DkimSigner.LINE_WIDTH));
            for (int i = 1; i < lines.length; i++) {
                assertThat(lines[i]).startsWith("\t");
            }
            assertThat(field.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        });
    }

    @Test
    void noKeysNoSignatures() {
        assertThat(signer.sign(TestMessages.plain(), List.of())).isEmpty();
    }

    @Test
    void manyThreadsSignAtOnceAndEverySignatureVerifies() throws Exception {
        FakeDns dns = new FakeDns()
            .record("r._domainkey." + TestKeys.DOMAIN, DkimPublicKeyRecord.splitForDns(TestKeys.record(DkimAlgorithm.RSA_SHA256)).toArray(String[]::new))
            .record("e._domainkey." + TestKeys.DOMAIN, TestKeys.record(DkimAlgorithm.ED25519_SHA256));
        DkimVerifier verifier = new DkimVerifier(dns, Clock.fixed(NOW, ZoneOffset.UTC));
        List<DkimSigningKey> keys = List.of(TestKeys.ed25519Key("e"), TestKeys.rsaKey("r"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<DkimVerification>>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] message = ("From: a@herald.example\r\nSubject: message " + i + "\r\n\r\nBody number " + i + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
                futures.add(pool.submit(() -> verifier.verify(SignatureCrafter.prependSigned(signer.sign(message, keys), message))));
            }
            for (Future<List<DkimVerification>> future : futures) {
                assertThat(future.get(30, TimeUnit.SECONDS)).extracting(DkimVerification::result)
                    .containsExactly(DkimResult.PASS, DkimResult.PASS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
