package org.herald.testpeers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dkimpy and OpenDKIM sign and verify each other's messages, resolving keys through the loopback {@link DnsServer}.
 */
class DkimPeersTest {
    private static final String DOMAIN = "example.test";

    private static DnsServer dns;
    private static DkimPy dkimpy;
    private static OpenDkim opendkim;
    private static DkimPy.KeyPair rsaKey;
    private static DkimPy.KeyPair ed25519Key;

    @BeforeAll
    static void startPeers() {
        Assumptions.assumeTrue(DnsServer.available(), DnsServer.INSTALL_HINT);
        Assumptions.assumeTrue(DkimPy.available(), DkimPy.INSTALL_HINT);
        dns = DnsServer.start();
        dkimpy = DkimPy.create();
        if (OpenDkim.available()) {
            opendkim = OpenDkim.create();
        }
        rsaKey = dkimpy.generateKey("rsa");
        ed25519Key = dkimpy.generateKey("ed25519");
    }

    @AfterAll
    static void stopPeers() {
        for (AutoCloseable peer : new AutoCloseable[] {opendkim, dkimpy, dns}) {
            if (peer != null) {
                try {
                    peer.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static OpenDkim opendkim() {
        Assumptions.assumeTrue(opendkim != null, OpenDkim.INSTALL_HINT);
        return opendkim;
    }

    private static byte[] message(String subject) {
        return ("From: Alice <alice@example.test>\r\n"
            + "To: bob@example.net\r\n"
            + "Subject: " + subject + "\r\n"
            + "Date: Mon, 02 Feb 2026 10:00:00 +0000\r\n"
            + "Message-ID: <" + subject.hashCode() + "@example.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Hello Bob,\r\n"
            + "this is " + subject + ".\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] tamperBody(byte[] signed) {
        byte[] tampered = signed.clone();
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        int index = text.indexOf("Hello Bob");
        tampered[index] = 'J';
        return tampered;
    }

    private static String keyName(String selector) {
        return selector + "._domainkey." + DOMAIN;
    }

    @Test
    void generatedKeysHaveTheFormatsDkimpyAndOpenDkimTake() {
        assertThat(new String(rsaKey.privateKey(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(rsaKey.dnsTxt()).startsWith("v=DKIM1; k=rsa; p=MII");
        assertThat(rsaKey.dnsTxtStrings()).hasSizeGreaterThan(1).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
        assertThat(rsaKey.signingAlgorithm()).isEqualTo("rsa-sha256");
        assertThat(java.util.Base64.getDecoder().decode(new String(ed25519Key.privateKey(), StandardCharsets.US_ASCII).strip()))
            .hasSize(32);
        assertThat(ed25519Key.dnsTxt()).startsWith("v=DKIM1; k=ed25519; p=");
        assertThat(java.util.Base64.getDecoder().decode(ed25519Key.publicKeyBase64())).hasSize(32);
        assertThat(new String(ed25519Key.privateKeyPem(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(dkimpy.versions()).contains("pynacl").contains("dnspython");
    }

    @Test
    void rsaSignatureByDkimpyVerifiesWithBothPeersThroughTheDnsServer() {
        dns.putTxt(keyName("rsa1"), rsaKey.dnsTxtStrings());
        byte[] signed = dkimpy.sign(message("rsa one"), DOMAIN, "rsa1", rsaKey.privateKey(), DkimPy.RSA_SHA256);
        assertThat(new String(signed, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;");

        DkimVerifyResult byDkimpy = dkimpy.verify(signed, dns);
        assertThat(byDkimpy.allPassed()).as(byDkimpy.toString()).isTrue();
        assertThat(byDkimpy.signatures()).singleElement().satisfies(signature -> {
            assertThat(signature.domain()).isEqualTo(DOMAIN);
            assertThat(signature.selector()).isEqualTo("rsa1");
            assertThat(signature.algorithm()).isEqualTo("rsa-sha256");
            assertThat(signature.error()).isEmpty();
        });

        int queriesBefore = dns.queries().size();
        DkimVerifyResult byOpenDkim = opendkim().verify(signed, dns);
        assertThat(byOpenDkim.allPassed()).as(byOpenDkim.toString()).isTrue();
        assertThat(byOpenDkim.signatures()).singleElement().satisfies(signature -> {
            assertThat(signature.domain()).isEqualTo(DOMAIN);
            assertThat(signature.selector()).isEqualTo("rsa1");
            assertThat(signature.algorithm()).isEqualTo("rsa-sha256");
        });
        assertThat(dns.queries().subList(queriesBefore, dns.queries().size()))
            .as("OpenDKIM resolved the key through the test DNS server")
            .contains(new DnsServer.Query(keyName("rsa1") + ".", "TXT"));
    }

    @Test
    void ed25519SignatureByDkimpyVerifiesWithDkimpyAndWithOpenDkimWhenItSupportsEd25519() {
        dns.putTxt(keyName("ed1"), ed25519Key.dnsTxt());
        byte[] signed = dkimpy.sign(message("ed one"), DOMAIN, "ed1", ed25519Key.privateKey(), DkimPy.ED25519_SHA256);

        DkimVerifyResult byDkimpy = dkimpy.verify(signed, dns);
        assertThat(byDkimpy.allPassed()).as(byDkimpy.toString()).isTrue();
        assertThat(byDkimpy.signatures().get(0).algorithm()).isEqualTo("ed25519-sha256");

        DkimVerifyResult byOpenDkim = opendkim().verify(signed, dns);
        if (opendkim.supportsEd25519()) {
            assertThat(byOpenDkim.allPassed()).as(byOpenDkim.toString()).isTrue();
        } else {
            assertThat(byOpenDkim.anyPassed()).as(byOpenDkim.toString()).isFalse();
            assertThat(byOpenDkim.signatures().get(0).error()).contains("does not support ed25519-sha256");
        }
        assertThat(byOpenDkim.signatures().get(0).algorithm()).isEqualTo("ed25519-sha256");
    }

    @Test
    void aTamperedBodyFailsWithBothPeers() {
        dns.putTxt(keyName("rsa2"), rsaKey.dnsTxtStrings());
        dns.putTxt(keyName("ed2"), ed25519Key.dnsTxt());
        for (DkimPy.KeyPair key : new DkimPy.KeyPair[] {rsaKey, ed25519Key}) {
            String selector = key == rsaKey ? "rsa2" : "ed2";
            byte[] signed = dkimpy.sign(message("tamper " + selector), DOMAIN, selector, key.privateKey(), key.signingAlgorithm());
            assertThat(dkimpy.verify(signed, dns).allPassed()).isTrue();
            byte[] tampered = tamperBody(signed);

            DkimVerifyResult byDkimpy = dkimpy.verify(tampered, dns);
            assertThat(byDkimpy.anyPassed()).as(byDkimpy.toString()).isFalse();
            assertThat(byDkimpy.signatures()).singleElement()
                .satisfies(signature -> assertThat(signature.error()).contains("body hash mismatch"));

            if (opendkim != null && (key == rsaKey || opendkim.supportsEd25519())) {
                DkimVerifyResult byOpenDkim = opendkim.verify(tampered, dns);
                assertThat(byOpenDkim.anyPassed()).as(byOpenDkim.toString()).isFalse();
                assertThat(byOpenDkim.signatures()).singleElement()
                    .satisfies(signature -> assertThat(signature.result()).isEqualTo("fail"));
            }
        }
    }

    @Test
    void removingTheKeyRecordFailsVerificationForLackOfAKey() {
        dns.putTxt(keyName("rsa3"), rsaKey.dnsTxtStrings());
        byte[] signed = dkimpy.sign(message("removed key"), DOMAIN, "rsa3", rsaKey.privateKey(), DkimPy.RSA_SHA256);
        assertThat(dkimpy.verify(signed, dns).allPassed()).isTrue();

        dns.removeTxt(keyName("rsa3"));

        DkimVerifyResult byDkimpy = dkimpy.verify(signed, dns);
        assertThat(byDkimpy.anyPassed()).isFalse();
        assertThat(byDkimpy.signatures().get(0).error()).as(byDkimpy.toString()).contains("missing public key");
        assertThat(byDkimpy.output()).contains("NXDOMAIN");
        if (opendkim != null) {
            DkimVerifyResult byOpenDkim = opendkim.verify(signed, dns);
            assertThat(byOpenDkim.anyPassed()).isFalse();
            assertThat(byOpenDkim.signatures().get(0).error()).as(byOpenDkim.toString()).contains("key not found");
        }
    }

    @Test
    void everySignatureIsReportedInOrder() {
        dns.putTxt(keyName("rsa4"), rsaKey.dnsTxtStrings());
        dns.putTxt(keyName("ed4"), ed25519Key.dnsTxt());
        byte[] once = dkimpy.sign(message("two signatures"), DOMAIN, "rsa4", rsaKey.privateKey(), DkimPy.RSA_SHA256);
        byte[] twice = dkimpy.sign(once, DOMAIN, "ed4", ed25519Key.privateKey(), DkimPy.ED25519_SHA256);
        dns.removeTxt(keyName("rsa4"));

        DkimVerifyResult byDkimpy = dkimpy.verify(twice, dns);
        assertThat(byDkimpy.signatures()).extracting(DkimVerifyResult.Signature::selector).containsExactly("ed4", "rsa4");
        assertThat(byDkimpy.signatures()).extracting(DkimVerifyResult.Signature::passed).containsExactly(true, false);
        assertThat(byDkimpy.anyPassed()).isTrue();
        assertThat(byDkimpy.allPassed()).isFalse();

        if (opendkim != null) {
            DkimVerifyResult byOpenDkim = opendkim.verify(twice, dns);
            assertThat(byOpenDkim.signatures()).extracting(DkimVerifyResult.Signature::selector).containsExactly("ed4", "rsa4");
            assertThat(byOpenDkim.signature(DOMAIN, "rsa4")).hasValueSatisfying(s -> assertThat(s.passed()).isFalse());
            assertThat(byOpenDkim.signature(DOMAIN, "ed4"))
                .hasValueSatisfying(s -> assertThat(s.passed()).isEqualTo(opendkim.supportsEd25519()));
        }
    }

    @Test
    void aKeySplitAtOddPlacesStillVerifiesBecauseTheStringsAreConcatenated() {
        String[] oddlySplit = DnsServer.split(rsaKey.dnsTxt(), 7);
        dns.putTxt(keyName("rsa5"), oddlySplit);
        byte[] signed = dkimpy.sign(message("odd split"), DOMAIN, "rsa5", rsaKey.privateKey(), DkimPy.RSA_SHA256);

        assertThat(dkimpy.verify(signed, dns).allPassed()).isTrue();
        if (opendkim != null) {
            assertThat(opendkim.verify(signed, dns).allPassed()).isTrue();
        }
    }

    @Test
    void openDkimSignaturesVerifyWithDkimpy() {
        OpenDkim peer = opendkim();
        dns.putTxt(keyName("ors"), rsaKey.dnsTxtStrings());
        byte[] rsaSigned = peer.sign(message("signed by opendkim"), DOMAIN, "ors", rsaKey.privateKeyPem(), DkimPy.RSA_SHA256);
        assertThat(new String(rsaSigned, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test;");
        assertThat(dkimpy.verify(rsaSigned, dns).allPassed()).as(dkimpy.verify(rsaSigned, dns).toString()).isTrue();
        assertThat(peer.verify(rsaSigned, dns).allPassed()).isTrue();

        if (peer.supportsEd25519()) {
            dns.putTxt(keyName("oed"), ed25519Key.dnsTxt());
            byte[] edSigned = peer.sign(message("ed by opendkim"), DOMAIN, "oed", ed25519Key.privateKeyPem(), DkimPy.ED25519_SHA256);
            DkimVerifyResult byDkimpy = dkimpy.verify(edSigned, dns);
            assertThat(byDkimpy.allPassed()).as(byDkimpy.toString()).isTrue();
            assertThat(byDkimpy.signatures().get(0).algorithm()).isEqualTo("ed25519-sha256");
        }
    }

    @Test
    void anUnsignedMessageHasNoSignatures() {
        DkimVerifyResult byDkimpy = dkimpy.verify(message("unsigned"), dns);
        assertThat(byDkimpy.signatures()).isEmpty();
        assertThat(byDkimpy.allPassed()).isFalse();
        if (opendkim != null) {
            assertThat(opendkim.verify(message("unsigned"), dns).signatures()).isEmpty();
        }
    }

    @Test
    void openDkimReportsWhetherItSupportsEd25519FromItsBuild() {
        OpenDkim peer = opendkim();
        assertThat(peer.version()).contains("OpenDKIM Filter");
        assertThat(peer.usesUnbound()).as("Debian's opendkim resolves with libunbound").isTrue();
        assertThat(peer.supportsEd25519()).isEqualTo(Arrays.stream(peer.version().split("\n"))
            .anyMatch(line -> line.strip().equals("ed25519-sha256")));
    }
}
