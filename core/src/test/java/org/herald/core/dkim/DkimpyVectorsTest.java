package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Messages signed by an independent implementation, dkimpy 1.1.4 (Debian python3-dkim), with its own freshly generated
 * keys, published in {@code dkim/dkimpy-keys.tsv}: an Ed25519 and an RSA-2048 signature with relaxed/relaxed, and an
 * RSA one with simple/simple and l=. dkimpy folds differently from Herald (spaces around the colons of h=, i= and
 * q= tags) and signs an 8-bit UTF-8 body with trailing whitespace and blank lines.
 */
class DkimpyVectorsTest {
    private final FakeDns dns = keys();
    private final DkimVerifier verifier = new DkimVerifier(dns, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void anEd25519SignatureByDkimpyPasses() {
        assertThat(verifier.verify(resource("dkimpy-ed25519.eml"))).singleElement().satisfies(result -> {
            assertThat(result.result()).as(result.reason()).isEqualTo(DkimResult.PASS);
            assertThat(result.algorithmTag()).isEqualTo("ed25519-sha256");
            assertThat(result.selector()).isEqualTo("vector-e");
            assertThat(result.domain()).isEqualTo("vectors.example");
        });
    }

    @Test
    void anRsaSignatureByDkimpyPasses() {
        assertThat(verifier.verify(resource("dkimpy-rsa.eml"))).singleElement().satisfies(result -> {
            assertThat(result.result()).as(result.reason()).isEqualTo(DkimResult.PASS);
            assertThat(result.algorithmTag()).isEqualTo("rsa-sha256");
        });
    }

    @Test
    void aSimpleCanonicalizationSignatureWithLByDkimpyPasses() {
        assertThat(verifier.verify(resource("dkimpy-rsa-simple-l.eml"))).extracting(DkimVerification::result, DkimVerification::reason)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(DkimResult.PASS, ""));
    }

    @Test
    void theDkimpyMessagesStillPassWithUnixLineEndings() {
        for (String name : List.of("dkimpy-ed25519.eml", "dkimpy-rsa.eml", "dkimpy-rsa-simple-l.eml")) {
            byte[] unix = text(resource(name)).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            assertThat(verifier.verify(unix)).as(name).extracting(DkimVerification::result).containsExactly(DkimResult.PASS);
        }
    }

    @Test
    void changesToTheDkimpyMessagesFail() {
        for (String name : List.of("dkimpy-ed25519.eml", "dkimpy-rsa.eml", "dkimpy-rsa-simple-l.eml")) {
            String message = text(resource(name));
            assertThat(verifier.verify(bytes(message.replace("Köln", "Kölm")))).as(name)
                .extracting(DkimVerification::reason).containsExactly("body hash did not verify");
            assertThat(verifier.verify(bytes(message.replace("Interop vector", "Interop Vector")))).as(name)
                .extracting(DkimVerification::reason).containsExactly("signature did not verify");
        }
    }

    @Test
    void contentAppendedAfterTheLengthDkimpySignedIsIgnored() {
        String message = text(resource("dkimpy-rsa-simple-l.eml"));

        assertThat(verifier.verify(bytes(message + "Appended by a mailing list\r\n"))).extracting(DkimVerification::result)
            .containsExactly(DkimResult.PASS);
        assertThat(verifier.verify(bytes(text(resource("dkimpy-rsa.eml")) + "Appended by a mailing list\r\n")))
            .extracting(DkimVerification::result).containsExactly(DkimResult.FAIL);
    }

    private static FakeDns keys() {
        FakeDns dns = new FakeDns();
        for (String line : text(resource("dkimpy-keys.tsv")).split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.split("\t", 2);
                dns.record(parts[0], DkimPublicKeyRecord.splitForDns(parts[1].strip()).toArray(String[]::new));
            }
        }
        return dns;
    }

    private static byte[] resource(String name) {
        try (InputStream in = DkimpyVectorsTest.class.getResourceAsStream("/dkim/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
