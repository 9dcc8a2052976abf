package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.herald.core.dns.TxtAnswer;
import org.herald.core.dns.TxtRecord;
import org.junit.jupiter.api.Test;

class DkimVerifierTest {
    private static final Instant NOW = Instant.parse("2024-05-01T08:00:00Z");
    private static final String RSA_NAME = "r._domainkey." + TestKeys.DOMAIN;
    private static final String ED25519_NAME = "e._domainkey." + TestKeys.DOMAIN;
    private final FakeDns dns = new FakeDns()
        .record(RSA_NAME, DkimPublicKeyRecord.splitForDns(TestKeys.record(DkimAlgorithm.RSA_SHA256)).toArray(String[]::new))
        .record(ED25519_NAME, TestKeys.record(DkimAlgorithm.ED25519_SHA256));
    private final DkimVerifier verifier = new DkimVerifier(dns, Clock.fixed(NOW, ZoneOffset.UTC));
    private final DkimSigner signer = new DkimSigner(Clock.fixed(NOW, ZoneOffset.UTC));
    private final byte[] message = TestMessages.plain();

    @Test
    void anUnsignedMessageHasNoVerdicts() {
        assertThat(verifier.verify(message)).isEmpty();
        assertThat(dns.lookups()).isZero();
    }

    @Test
    void reportsDomainSelectorAlgorithmAndTheStartOfB() {
        String field = signer.sign(message, List.of(TestKeys.ed25519Key("e"))).get(0);
        String b = Rfc8463Test.tagsOf(field).tag("b").orElseThrow().compactValue();

        assertThat(verifier.verify(SignatureCrafter.prepend(field + "\r\n", message))).containsExactly(
            new DkimVerification(DkimResult.PASS, "herald.example", "e", "ed25519-sha256", b.substring(0, 8), ""));
    }

    @Test
    void noKeyRecordIsPermerror() {
        assertThat(verifyOne(signedWith(TestKeys.ed25519Key("missing")))).isEqualTo(tuple(DkimResult.PERMERROR, "no key"));
    }

    @Test
    void aDnsFailureIsTemperror() {
        dns.answer(ED25519_NAME, new TxtAnswer.Failure(ED25519_NAME, "SERVFAIL"));

        assertThat(verifyOne(signedWith(TestKeys.ed25519Key("e")))).isEqualTo(tuple(DkimResult.TEMPERROR, "key lookup failed: SERVFAIL"));
    }

    @Test
    void aLookupThatThrowsIsTemperrorToo() {
        DkimVerifier throwing = new DkimVerifier(name -> {
            throw new IllegalStateException("resolver closed");
        }, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(throwing.verify(signedWith(TestKeys.ed25519Key("e")))).extracting(DkimVerification::result, DkimVerification::reason)
            .containsExactly(tuple(DkimResult.TEMPERROR, "key lookup failed: resolver closed"));
    }

    @Test
    void aRevokedKeyIsPermerror() {
        dns.record(ED25519_NAME, "v=DKIM1; k=ed25519; p=");

        assertThat(verifyOne(signedWith(TestKeys.ed25519Key("e")))).isEqualTo(tuple(DkimResult.PERMERROR, "key revoked"));
    }

    @Test
    void aKeyOfTheOtherTypeIsPermerror() {
        dns.record(ED25519_NAME, TestKeys.record(DkimAlgorithm.RSA_SHA256));

        assertThat(verifyOne(signedWith(TestKeys.ed25519Key("e"))))
            .isEqualTo(tuple(DkimResult.PERMERROR, "key type k=rsa does not match a=ed25519-sha256"));
    }

    @Test
    void aBrokenKeyRecordIsPermerror() {
        dns.record(ED25519_NAME, "v=DKIM1; k=ed25519; p=%%%not-base64%%%");

        assertThat(verifyOne(signedWith(TestKeys.ed25519Key("e")))).isEqualTo(tuple(DkimResult.PERMERROR, "invalid key record: p= is not base64"));
    }

    @Test
    void aKeyThatForbidsSha256OrEmailIsPermerror() {
        dns.record(ED25519_NAME, TestKeys.record(DkimAlgorithm.ED25519_SHA256) + "; h=sha1");
        assertThat(verifyOne(signedWith(TestKeys.ed25519Key("e")))).extracting(t -> t.toList().get(0)).isEqualTo(DkimResult.PERMERROR);

        dns.record(ED25519_NAME, TestKeys.record(DkimAlgorithm.ED25519_SHA256) + "; s=other");
        assertThat(verifyOne(signedWith(TestKeys.ed25519Key("e")))).isEqualTo(tuple(DkimResult.PERMERROR, "key is not for email (s=other)"));
    }

    @Test
    void aShortRsaKeyIsPermerror() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        dns.record(RSA_NAME, "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded()));

        assertThat(verifyOne(signedWith(TestKeys.rsaKey("r")))).isEqualTo(tuple(DkimResult.PERMERROR, "RSA key of 512 bits is too short (RFC 8301)"));
    }

    @Test
    void triesEachTxtRecordUntilOneIsAKey() {
        dns.answer(ED25519_NAME, new TxtAnswer.Records(List.of(TxtRecord.of("google-site-verification=abc"),
            TxtRecord.of(TestKeys.record(DkimAlgorithm.ED25519_SHA256)))));

        assertThat(verifyOne(signedWith(TestKeys.ed25519Key("e")))).isEqualTo(tuple(DkimResult.PASS, ""));
    }

    @Test
    void anExpiredSignatureIsPermerrorAndAValidOnePasses() {
        long now = NOW.getEpochSecond();
        String expired = SignatureCrafter.craft(message, TestKeys.rsaKey("r"), "v=1; a=rsa-sha256; c=relaxed/relaxed; d=herald.example;"
            + " s=r; t=" + (now - 7200) + "; x=" + (now - 60) + "; h=from:subject;");
        String valid = SignatureCrafter.craft(message, TestKeys.rsaKey("r"), "v=1; a=rsa-sha256; c=relaxed/relaxed; d=herald.example;"
            + " s=r; t=" + (now - 60) + "; x=" + (now + 3600) + "; h=from:subject;");

        assertThat(verifier.verify(SignatureCrafter.prepend(expired + valid, message)))
            .extracting(DkimVerification::result, DkimVerification::reason)
            .containsExactly(tuple(DkimResult.PERMERROR, "signature expired"), tuple(DkimResult.PASS, ""));
    }

    @Test
    void simpleCanonicalizationIsVerifiedToo() {
        for (String c : List.of("simple/simple", "simple", "relaxed/simple", "simple/relaxed")) {
            String field = SignatureCrafter.craft(message, TestKeys.ed25519Key("e"),
                "v=1; a=ed25519-sha256; c=" + c + "; d=herald.example; s=e; h=from:to:subject;");
            assertThat(verifier.verify(SignatureCrafter.prepend(field, message))).as(c)
                .extracting(DkimVerification::result).containsExactly(DkimResult.PASS);
        }
    }

    @Test
    void simpleCanonicalizationNoticesWhatRelaxedForgives() {
        String field = SignatureCrafter.craft(message, TestKeys.ed25519Key("e"),
            "v=1; a=ed25519-sha256; c=simple/simple; d=herald.example; s=e; h=from:to:subject;");
        String signed = field + new String(message, StandardCharsets.ISO_8859_1);

        assertThat(verifier.verify(signed.replace("Subject: Lunch", "Subject:  Lunch").getBytes(StandardCharsets.ISO_8859_1)))
            .extracting(DkimVerification::reason).containsExactly("signature did not verify");
        assertThat(verifier.verify(signed.replace("Lunch at noon", "Lunch  at noon").getBytes(StandardCharsets.ISO_8859_1)))
            .extracting(DkimVerification::reason).containsExactly("body hash did not verify");
    }

    @Test
    void lLimitsTheHashedBody() {
        String field = SignatureCrafter.craft(message, TestKeys.rsaKey("r"),
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=herald.example; s=r; l=9; h=from:subject;");
        String signed = field + new String(message, StandardCharsets.ISO_8859_1);

        assertThat(verifier.verify(bytes(signed + "Appended after signing\r\n"))).extracting(DkimVerification::result)
            .containsExactly(DkimResult.PASS);
        assertThat(verifier.verify(bytes(signed.replace("Lunch at noon", "Lunch at dusk")))).extracting(DkimVerification::result)
            .containsExactly(DkimResult.PASS);
        assertThat(verifier.verify(bytes(signed.replace("Hi Bob,", "Hi Rob,")))).extracting(DkimVerification::reason)
            .containsExactly("body hash did not verify");
    }

    @Test
    void lLongerThanTheBodyFails() {
        String field = SignatureCrafter.craft(message, TestKeys.rsaKey("r"),
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=herald.example; s=r; l=9; h=from:subject;");
        String signed = field.replace("l=9;", "l=100000;") + new String(message, StandardCharsets.ISO_8859_1);

        assertThat(verifier.verify(bytes(signed))).extracting(DkimVerification::result, DkimVerification::reason)
            .containsExactly(tuple(DkimResult.FAIL, "body shorter than l="));
    }

    @Test
    void theIdentityMustLieInTheDomain() {
        String inside = SignatureCrafter.craft(message, TestKeys.ed25519Key("e"),
            "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=herald.example; i=alice@mail.herald.example; s=e; h=from;");
        String outside = SignatureCrafter.craft(message, TestKeys.ed25519Key("e"),
            "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=herald.example; i=alice@evil.example; s=e; h=from;");

        assertThat(verifier.verify(SignatureCrafter.prepend(inside + outside, message)))
            .extracting(DkimVerification::result, DkimVerification::reason)
            .containsExactly(tuple(DkimResult.PASS, ""),
                tuple(DkimResult.PERMERROR, "i= domain evil.example is not d=herald.example or below it"));
    }

    @Test
    void aStrictKeyRefusesAnIdentityInASubdomain() {
        dns.record(ED25519_NAME, TestKeys.record(DkimAlgorithm.ED25519_SHA256) + "; t=s");
        String field = SignatureCrafter.craft(message, TestKeys.ed25519Key("e"),
            "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=herald.example; i=@mail.herald.example; s=e; h=from;");

        assertThat(verifier.verify(SignatureCrafter.prepend(field, message))).extracting(DkimVerification::reason)
            .containsExactly("key forbids i= in a subdomain (t=s)");
    }

    @Test
    void syntaxErrorsArePermerrorWithWhatCouldBeRead() {
        String base = "DKIM-Signature: v=1; a=ed25519-sha256; d=herald.example; s=e; h=from; bh=AAAA; b=QUJDREVGR0hJSg==";

        assertThat(verifyField("DKIM-Signature: v=1; a=ed25519-sha256; d=herald.example; garbage; b=x"))
            .isEqualTo(new DkimVerification(DkimResult.PERMERROR, "", "", "", "", "tag without '=': \"garbage\""));
        assertThat(verifyField(base.replace("v=1", "v=2")))
            .isEqualTo(new DkimVerification(DkimResult.PERMERROR, "herald.example", "e", "ed25519-sha256", "QUJDREVG", "unsupported version v=2"));
        assertThat(verifyField(base.replace("a=ed25519-sha256", "a=rsa-sha1")).reason()).isEqualTo("rsa-sha1 is not accepted (RFC 8301)");
        assertThat(verifyField(base.replace("a=ed25519-sha256", "a=hmac-sha256")).reason()).isEqualTo("unknown algorithm a=hmac-sha256");
        assertThat(verifyField(base.replace("h=from", "h=subject")).reason()).isEqualTo("h= does not sign From");
        assertThat(verifyField(base.replace(" s=e;", "")).reason()).isEqualTo("missing s= tag");
        assertThat(verifyField(base.replace("bh=AAAA", "bh=*")).reason()).isEqualTo("bh= is not base64");
        assertThat(verifyField(base + "; c=fancy/simple").reason()).isEqualTo("unknown canonicalization c=fancy/simple");
        assertThat(verifyField(base + "; q=https").reason()).isEqualTo("unsupported query method q=https");
        assertThat(verifyField(base + "; t=soon").reason()).isEqualTo("t= is not a number");
        assertThat(verifyField(base + "; t=200; x=100").reason()).isEqualTo("x= is before t=");
        assertThat(verifyField(base + "; d=other.example").reason()).isEqualTo("duplicate tag d=");
        assertThat(dns.lookups()).isZero();
    }

    @Test
    void severalSignaturesGetOneVerdictEachInMessageOrder() {
        DkimSigningKey unpublished = TestKeys.ed25519Key("gone");
        List<String> fields = signer.sign(message, List.of(TestKeys.ed25519Key("e"), unpublished, TestKeys.rsaKey("r")));
        String corrupted = SignatureCrafter.craft(message, TestKeys.rsaKey("r"),
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=herald.example; s=r; h=from:to;").replace("b=", "b=AAAA");
        byte[] signed = SignatureCrafter.prepend(corrupted, SignatureCrafter.prependSigned(fields, message));

        assertThat(verifier.verify(signed)).extracting(DkimVerification::result, DkimVerification::selector, DkimVerification::reason)
            .containsExactly(
                tuple(DkimResult.FAIL, "r", "signature did not verify"),
                tuple(DkimResult.PASS, "e", ""),
                tuple(DkimResult.PERMERROR, "gone", "no key"),
                tuple(DkimResult.PASS, "r", ""));
    }

    @Test
    void onlyTheFirstSignaturesUpToTheLimitAreVerified() {
        List<DkimSigningKey> keys = List.of(TestKeys.ed25519Key("e"), TestKeys.ed25519Key("e"), TestKeys.ed25519Key("e"),
            TestKeys.ed25519Key("e"), TestKeys.ed25519Key("e"), TestKeys.ed25519Key("e"), TestKeys.ed25519Key("e"));
        byte[] signed = SignatureCrafter.prependSigned(signer.sign(message, keys), message);

        assertThat(verifier.verify(signed)).hasSize(DkimVerifier.DEFAULT_MAX_SIGNATURES);
        assertThat(dns.lookups()).isEqualTo(DkimVerifier.DEFAULT_MAX_SIGNATURES);
        assertThat(new DkimVerifier(dns, Clock.systemUTC(), 2).verify(signed)).hasSize(2)
            .allSatisfy(result -> assertThat(result.result()).isEqualTo(DkimResult.PASS));
        assertThatThrownBy(() -> new DkimVerifier(dns, Clock.systemUTC(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignatureCannotSignItself() {
        String field = SignatureCrafter.craft(message, TestKeys.ed25519Key("e"),
            "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=herald.example; s=e; h=from:dkim-signature;");

        assertThat(verifier.verify(SignatureCrafter.prepend(field, message))).extracting(DkimVerification::result)
            .containsExactly(DkimResult.PASS);
    }

    private org.assertj.core.groups.Tuple verifyOne(byte[] signed) {
        List<DkimVerification> results = verifier.verify(signed);
        assertThat(results).hasSize(1);
        return tuple(results.get(0).result(), results.get(0).reason());
    }

    private DkimVerification verifyField(String field) {
        List<DkimVerification> results = verifier.verify(SignatureCrafter.prepend(field + "\r\n", message));
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private byte[] signedWith(DkimSigningKey key) {
        return SignatureCrafter.prependSigned(signer.sign(message, List.of(key)), message);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
