package org.herald.core.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.herald.core.dkim.DkimAlgorithm;
import org.junit.jupiter.api.Test;

class KeyImportAndSealingTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    @Test
    void importsAPkcs1RsaKeyAsOpendkimGenkeyWritesIt() throws Exception {
        KeyPair pair = rsa(2048);
        String pkcs1 = pem(pair);
        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        KeyMaterial imported = PemKeyImport.read(pkcs1);

        assertThat(imported.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(imported.publicKey()).isEqualTo(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    @Test
    void importsPkcs8RsaAndEd25519Keys() throws Exception {
        KeyPair pair = rsa(2048);
        assertThat(PemKeyImport.read(pem(pair.getPrivate())).publicKey())
            .isEqualTo(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));

        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyMaterial imported = PemKeyImport.read(pem(ed.getPrivate()));
        byte[] spki = ed.getPublic().getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        assertThat(imported.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        assertThat(imported.publicKey()).isEqualTo(Base64.getEncoder().encodeToString(raw));
    }

    @Test
    void refusesShortRsaKeysPublicKeysAndGarbage() throws Exception {
        assertThatThrownBy(() -> PemKeyImport.read(pem(rsa(512)))).hasMessageContaining("512 bits").hasMessageContaining("RFC 8301");
        assertThatThrownBy(() -> PemKeyImport.read(pem(rsa(2048).getPublic()))).hasMessageContaining("not a private key");
        assertThatThrownBy(() -> PemKeyImport.read("hello")).hasMessageContaining("No PEM private key found");
        assertThatThrownBy(() -> PemKeyImport.read("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anImportedKeyIsPendingUnderTheChosenSelector() throws Exception {
        byte[] kek = new byte[32];
        RANDOM.nextBytes(kek);
        InMemoryDkimKeyStore store = new InMemoryDkimKeyStore();
        DkimKeyLifecycle lifecycle = new DkimKeyLifecycle(store, new PublishedKeyCheck(new ZoneFake(), java.time.Clock.systemUTC()),
            new PrivateKeySealer(kek), new SelectorNaming(SelectorNaming.DEFAULT_PATTERN), java.time.Duration.ofDays(7),
            java.time.Clock.systemUTC(), RANDOM, event -> { });

        DkimKey key = lifecycle.importKey("example.test", pem(rsa(2048)), java.util.Optional.of("legacy2019"));

        assertThat(key.selector()).isEqualTo("legacy2019");
        assertThat(key.origin()).isEqualTo(DkimKey.IMPORTED);
        assertThat(key.state()).isEqualTo(SelectorState.PENDING);
        assertThatThrownBy(() -> lifecycle.importKey("example.test", pem(rsa(2048)), java.util.Optional.of("legacy2019")))
            .isInstanceOf(DkimKeyConflictException.class);
    }

    @Test
    void sealedKeysOpenOnlyWithTheirKeyAndForTheirSelector() {
        byte[] kek = new byte[32];
        RANDOM.nextBytes(kek);
        PrivateKeySealer sealer = new PrivateKeySealer(kek);
        byte[] secret = KeyMaterial.generate(DkimAlgorithm.ED25519_SHA256, RANDOM).pkcs8();

        SealedPrivateKey sealed = sealer.seal("example.test", "s1", secret);

        assertThat(java.util.HexFormat.of().formatHex(sealed.bytes())).doesNotContain(java.util.HexFormat.of().formatHex(secret, secret.length - 16, secret.length));
        assertThat(sealer.open("example.test", "s1", sealed)).isEqualTo(secret);
        assertThatThrownBy(() -> sealer.open("example.test", "s2", sealed))
            .isInstanceOf(PrivateKeySealer.KeyUnsealingException.class).hasMessageContaining("sealed with another one");
        byte[] otherKek = new byte[32];
        RANDOM.nextBytes(otherKek);
        assertThatThrownBy(() -> new PrivateKeySealer(otherKek).open("example.test", "s1", sealed))
            .isInstanceOf(PrivateKeySealer.KeyUnsealingException.class);
        assertThatThrownBy(() -> new PrivateKeySealer(new byte[16])).hasMessageContaining("32 bytes");
        assertThat(sealed.toString()).doesNotContain(Base64.getEncoder().encodeToString(sealed.bytes()));
    }

    @Test
    void selectorNamesFollowThePatternAndAvoidTakenNames() {
        SelectorNaming naming = new SelectorNaming("k{yyyy}{MM}{dd}-{alg}");
        Instant now = Instant.parse("2026-03-05T23:59:00Z");

        assertThat(naming.next(now, DkimAlgorithm.ED25519_SHA256, Set.of())).isEqualTo("k20260305-e");
        assertThat(naming.next(now, DkimAlgorithm.RSA_SHA256, Set.of("k20260305-r", "k20260305-r2"))).isEqualTo("k20260305-r3");
        assertThatThrownBy(() -> new SelectorNaming("h{yyyy}")).hasMessageContaining("{alg}");
        assertThatThrownBy(() -> new SelectorNaming("bad name {alg}")).isInstanceOf(IllegalArgumentException.class);
    }
}
