package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * The example of RFC 8463 Appendix A: an Ed25519 key (A.1), the key records of football.example.com (A.2), and a
 * message signed with both an Ed25519 and an RSA key over one body hash (A.3). Both published signatures must verify;
 * both algorithms are deterministic, so re-signing the published field must give the published b= byte for byte.
 */
class Rfc8463Test {
    static final String ED25519_SEED = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    static final String ED25519_PUBLIC = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    static final String BRISBANE_RECORD = "v=DKIM1; k=ed25519; p=" + ED25519_PUBLIC;
    static final String TEST_RECORD = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
        + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
        + "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
        + "Ip3G+2kryOTIKT+l/K4w3QIDAQAB";
    /** RFC 8463 A.1 publishes the RSA private key as well. */
    static final String RSA_PRIVATE_PEM = """
        -----BEGIN RSA PRIVATE KEY-----
        MIICXQIBAAKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQi
        Y/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqM
        KrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB
        AoGAH0cxOhFZDgzXWhDhnAJDw5s4roOXN4OhjiXa8W7Y3rhX3FJqmJSPuC8N9vQm
        6SVbaLAE4SG5mLMueHlh4KXffEpuLEiNp9Ss3O4YfLiQpbRqE7Tm5SxKjvvQoZZe
        zHorimOaChRL2it47iuWxzxSiRMv4c+j70GiWdxXnxe4UoECQQDzJB/0U58W7RZy
        6enGVj2kWF732CoWFZWzi1FicudrBFoy63QwcowpoCazKtvZGMNlPWnC7x/6o8Gc
        uSe0ga2xAkEA8C7PipPm1/1fTRQvj1o/dDmZp243044ZNyxjg+/OPN0oWCbXIGxy
        WvmZbXriOWoSALJTjExEgraHEgnXssuk7QJBALl5ICsYMu6hMxO73gnfNayNgPxd
        WFV6Z7ULnKyV7HSVYF0hgYOHjeYe9gaMtiJYoo0zGN+L3AAtNP9huqkWlzECQE1a
        licIeVlo1e+qJ6Mgqr0Q7Aa7falZ448ccbSFYEPD6oFxiOl9Y9se9iYHZKKfIcst
        o7DUw1/hz2Ck4N5JrgUCQQCyKveNvjzkkd8HjYs0SwM0fPjK16//5qDZ2UiDGnOe
        uEzxBDAr518Z8VFbR41in3W4Y3yCDgQlLlcETrS+zYcL
        -----END RSA PRIVATE KEY-----
        """;

    static final String ED25519_FIELD = "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n"
        + " d=football.example.com; i=@football.example.com;\r\n"
        + " q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r\n"
        + " subject : date : message-id : from : subject : date;\r\n"
        + " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
        + " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus\r\n"
        + " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==\r\n";
    static final String ED25519_B = "/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==";
    static final String RSA_FIELD = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n"
        + " d=football.example.com; i=@football.example.com;\r\n"
        + " q=dns/txt; s=test; t=1528637909; h=from : to : subject :\r\n"
        + " date : message-id : from : subject : date;\r\n"
        + " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
        + " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3\r\n"
        + " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz\r\n"
        + " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=\r\n";
    static final String RSA_B = "F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2JzdA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=";
    static final String UNSIGNED = "From: Joe SixPack <joe@football.example.com>\r\n"
        + "To: Suzie Q <suzie@shopping.example.net>\r\n"
        + "Subject: Is dinner ready?\r\n"
        + "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
        + "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
        + "\r\n"
        + "Hi.\r\n"
        + "\r\n"
        + "We lost the game.  Are you hungry yet?\r\n"
        + "\r\n"
        + "Joe.\r\n";
    static final String SIGNED = ED25519_FIELD + RSA_FIELD + UNSIGNED;
    static final List<String> RFC_SIGNED_HEADERS = List.of("from", "to", "subject", "date", "message-id", "from", "subject", "date");
    static final long RFC_TIMESTAMP = 1528637909L;

    private final FakeDns dns = new FakeDns()
        .record("brisbane._domainkey.football.example.com", BRISBANE_RECORD)
        .record("test._domainkey.football.example.com", TEST_RECORD);
    private final DkimVerifier verifier = new DkimVerifier(dns, Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void bothPublishedSignaturesPass() {
        List<DkimVerification> results = verifier.verify(bytes(SIGNED));

        assertThat(results).containsExactly(
            new DkimVerification(DkimResult.PASS, "football.example.com", "brisbane", "ed25519-sha256", "/gCrinpc", ""),
            new DkimVerification(DkimResult.PASS, "football.example.com", "test", "rsa-sha256", "F45dVWDf", ""));
    }

    @Test
    void theMessageWithBareLineFeedsStillPasses() {
        assertThat(verifier.verify(bytes(SIGNED.replace("\r\n", "\n")))).extracting(DkimVerification::result)
            .containsExactly(DkimResult.PASS, DkimResult.PASS);
    }

    @Test
    void aChangedBodyByteFailsBothSignatures() {
        String tampered = SIGNED.replace("We lost the game.", "We won the game.");

        assertThat(verifier.verify(bytes(tampered))).extracting(DkimVerification::result, DkimVerification::reason)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(DkimResult.FAIL, "body hash did not verify"),
                org.assertj.core.groups.Tuple.tuple(DkimResult.FAIL, "body hash did not verify"));
    }

    @Test
    void aChangedSignedHeaderFailsBothSignatures() {
        String tampered = SIGNED.replace("Subject: Is dinner ready?", "Subject: Is lunch ready?");

        assertThat(verifier.verify(bytes(tampered))).extracting(DkimVerification::reason)
            .containsExactly("signature did not verify", "signature did not verify");
    }

    @Test
    void theSeedGivesThePublishedPublicKey() {
        byte[] seed = DkimSigningKey.ed25519Seed(TestKeys.ed25519FromSeed(ED25519_SEED));

        assertThat(Base64.getEncoder().encodeToString(seed)).isEqualTo(ED25519_SEED);
        assertThat(Base64.getEncoder().encodeToString(new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded()))
            .isEqualTo(ED25519_PUBLIC);
    }

    @Test
    void reSigningThePublishedEd25519FieldReproducesItsSignature() {
        DkimSigningKey key = new DkimSigningKey("football.example.com", "brisbane", DkimAlgorithm.ED25519_SHA256,
            TestKeys.ed25519FromSeed(ED25519_SEED));

        assertThat(DkimSigner.signatureValue(RawMessage.split(bytes(UNSIGNED)), RFC_SIGNED_HEADERS,
            withoutB(ED25519_FIELD), key, DkimSignatureEngine.pureJava())).isEqualTo(ED25519_B);
    }

    @Test
    void reSigningThePublishedRsaFieldReproducesItsSignature() {
        PrivateKey rsa = TestKeys.rsaFromPkcs1Pem(RSA_PRIVATE_PEM);
        DkimSigningKey key = new DkimSigningKey("football.example.com", "test", DkimAlgorithm.RSA_SHA256, rsa);

        assertThat(DkimSigner.signatureValue(RawMessage.split(bytes(UNSIGNED)), RFC_SIGNED_HEADERS,
            withoutB(RSA_FIELD), key, DkimSignatureEngine.pureJava())).isEqualTo(RSA_B);
    }

    @Test
    void theNativeProviderReproducesBothPublishedSignaturesToo() {
        // PKCS#1 v1.5 and Ed25519 signatures are deterministic: another implementation must give the very same bytes.
        DkimSigningKey rsa = new DkimSigningKey("football.example.com", "test", DkimAlgorithm.RSA_SHA256,
            TestKeys.rsaFromPkcs1Pem(RSA_PRIVATE_PEM));
        DkimSigningKey ed25519 = new DkimSigningKey("football.example.com", "brisbane", DkimAlgorithm.ED25519_SHA256,
            TestKeys.ed25519FromSeed(ED25519_SEED));
        List<String> warnings = new java.util.ArrayList<>();
        DkimSignatureEngine accp = DkimSignatureEngine.withProvider(
            com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE, warnings::add);

        assertThat(DkimSigner.signatureValue(RawMessage.split(bytes(UNSIGNED)), RFC_SIGNED_HEADERS,
            withoutB(RSA_FIELD), rsa, accp)).isEqualTo(RSA_B);
        assertThat(DkimSigner.signatureValue(RawMessage.split(bytes(UNSIGNED)), RFC_SIGNED_HEADERS,
            withoutB(ED25519_FIELD), ed25519, accp)).isEqualTo(ED25519_B);
        assertThat(warnings).isEmpty();
    }

    @Test
    void heraldsSignerComputesThePublishedBodyHashAndItsSignaturesVerify() {
        SignedHeaderPolicy rfcHeaders = new SignedHeaderPolicy(List.of("from", "to", "subject", "date", "message-id"),
            List.of("from", "subject", "date"));
        DkimSigner signer = new DkimSigner(Clock.fixed(Instant.ofEpochSecond(RFC_TIMESTAMP), ZoneOffset.UTC), rfcHeaders,
            DkimSignatureEngine.pureJava());
        List<DkimSigningKey> keys = List.of(
            new DkimSigningKey("football.example.com", "brisbane", DkimAlgorithm.ED25519_SHA256, TestKeys.ed25519FromSeed(ED25519_SEED)),
            new DkimSigningKey("football.example.com", "test", DkimAlgorithm.RSA_SHA256, TestKeys.rsaFromPkcs1Pem(RSA_PRIVATE_PEM)));

        List<String> fields = signer.sign(bytes(UNSIGNED), keys);

        assertThat(fields).hasSize(2).allSatisfy(field -> {
            DkimTagList tags = tagsOf(field);
            assertThat(tags.tag("bh").orElseThrow().compactValue()).isEqualTo("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=");
            assertThat(tags.get("t")).contains("1528637909");
            assertThat(tags.tag("h").orElseThrow().compactValue()).isEqualTo("from:to:subject:date:message-id:from:subject:date");
        });
        String signed = fields.get(0) + "\r\n" + fields.get(1) + "\r\n" + UNSIGNED;
        assertThat(verifier.verify(bytes(signed))).extracting(DkimVerification::result)
            .containsExactly(DkimResult.PASS, DkimResult.PASS);
    }

    /** The field as a verifier hashes it: the b= value cut out, everything else as published, no final CRLF. */
    private static String withoutB(String field) {
        String withoutLineBreak = field.substring(0, field.length() - 2);
        int colon = withoutLineBreak.indexOf(':');
        return withoutLineBreak.substring(0, colon + 1)
            + DkimTagList.parse(withoutLineBreak.substring(colon + 1)).withoutValue("b");
    }

    /** The tags of a DKIM-Signature field as the signer returns it. */
    static DkimTagList tagsOf(String field) {
        return DkimTagList.parse(field.substring(field.indexOf(':') + 1));
    }

    static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }
}
