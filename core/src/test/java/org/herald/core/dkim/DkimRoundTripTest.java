package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What Herald signs, Herald verifies: every awkward message, both algorithms; and changes in transit are caught. */
class DkimRoundTripTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T08:00:00Z"), ZoneOffset.UTC);
    private final DkimSigner signer = new DkimSigner(CLOCK);
    private final FakeDns dns = new FakeDns()
        .record("r._domainkey." + TestKeys.DOMAIN, DkimPublicKeyRecord.splitForDns(TestKeys.record(DkimAlgorithm.RSA_SHA256)).toArray(String[]::new))
        .record("e._domainkey." + TestKeys.DOMAIN, TestKeys.record(DkimAlgorithm.ED25519_SHA256));
    private final DkimVerifier verifier = new DkimVerifier(dns, CLOCK);

    static Stream<Arguments> messages() {
        List<Arguments> arguments = new ArrayList<>();
        for (Map.Entry<String, byte[]> message : TestMessages.all().entrySet()) {
            for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
                arguments.add(Arguments.of(message.getKey(), algorithm, message.getValue()));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("messages")
    void signedMessagesVerify(String name, DkimAlgorithm algorithm, byte[] message) {
        byte[] signed = sign(message, key(algorithm));

        assertThat(verifier.verify(signed)).singleElement().satisfies(result -> {
            assertThat(result.result()).as(result.reason()).isEqualTo(DkimResult.PASS);
            assertThat(result.algorithmTag()).isEqualTo(algorithm.tag());
        });
    }

    @ParameterizedTest(name = "{0}, both keys")
    @MethodSource("messages")
    void dualSignedMessagesVerifyTwice(String name, DkimAlgorithm ignored, byte[] message) {
        byte[] signed = SignatureCrafter.prependSigned(signer.sign(message, List.of(key(DkimAlgorithm.ED25519_SHA256),
            key(DkimAlgorithm.RSA_SHA256))), message);

        assertThat(verifier.verify(signed)).extracting(DkimVerification::result, DkimVerification::selector)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(DkimResult.PASS, "e"),
                org.assertj.core.groups.Tuple.tuple(DkimResult.PASS, "r"));
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void aChangedBodyByteFails(DkimAlgorithm algorithm) {
        byte[] signed = sign(TestMessages.plain(), key(algorithm));
        String text = new String(signed, StandardCharsets.ISO_8859_1).replace("Lunch at noon", "Lunch at nooN");

        assertThat(verify(text)).isEqualTo(new Outcome(DkimResult.FAIL, "body hash did not verify"));
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void aChangedSubjectFails(DkimAlgorithm algorithm) {
        String text = text(sign(TestMessages.plain(), key(algorithm))).replace("Subject: Lunch on Friday", "Subject: Lunch on Monday");

        assertThat(verify(text)).isEqualTo(new Outcome(DkimResult.FAIL, "signature did not verify"));
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void aFromAddedAboveOrBelowFailsBecauseFromIsOversigned(DkimAlgorithm algorithm) {
        String signed = text(sign(TestMessages.plain(), key(algorithm)));
        String addedAbove = "From: Mallory <mallory@evil.example>\r\n" + signed;
        String addedBelow = signed.replace("To: Bob", "From: Mallory <mallory@evil.example>\r\nTo: Bob");

        assertThat(verify(addedAbove)).isEqualTo(new Outcome(DkimResult.FAIL, "signature did not verify"));
        assertThat(verify(addedBelow)).isEqualTo(new Outcome(DkimResult.FAIL, "signature did not verify"));
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void relaxedCanonicalizationToleratesWhatRelaysDo(DkimAlgorithm algorithm) {
        String signed = text(sign(TestMessages.plain(), key(algorithm)));
        String changed = "Received: from relay.example by mx.example; Wed, 1 May 2024 08:00:01 +0000\r\n"
            + signed.replace("Subject: Lunch on Friday", "subject:   Lunch\r\n  on\tFriday   ")
                .replace("Lunch at noon on Friday?", "Lunch  at noon on Friday?\t ")
                .replace("Alice\r\n", "Alice\r\n\r\n\r\n");

        assertThat(verify(changed)).isEqualTo(new Outcome(DkimResult.PASS, ""));
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void signingTwiceGivesTheSameFieldBecauseBothAlgorithmsAreDeterministic(DkimAlgorithm algorithm) {
        assertThat(signer.sign(TestMessages.plain(), List.of(key(algorithm))))
            .isEqualTo(signer.sign(TestMessages.plain(), List.of(key(algorithm))));
    }

    private record Outcome(DkimResult result, String reason) {
    }

    private Outcome verify(String message) {
        List<DkimVerification> results = verifier.verify(message.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(results).hasSize(1);
        return new Outcome(results.get(0).result(), results.get(0).reason());
    }

    private byte[] sign(byte[] message, DkimSigningKey key) {
        return SignatureCrafter.prependSigned(signer.sign(message, List.of(key)), message);
    }

    private static DkimSigningKey key(DkimAlgorithm algorithm) {
        return TestKeys.key(algorithm, algorithm == DkimAlgorithm.RSA_SHA256 ? "r" : "e");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
