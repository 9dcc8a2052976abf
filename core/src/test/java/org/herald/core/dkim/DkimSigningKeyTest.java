package org.herald.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class DkimSigningKeyTest {
    @Test
    void readsTheSameSeedFromJdkAndBouncyCastleKeys() throws Exception {
        PrivateKey jdk = TestKeys.ed25519FromSeed(Rfc8463Test.ED25519_SEED);
        PrivateKey bouncyCastle = KeyFactory.getInstance("Ed25519", new BouncyCastleProvider())
            .generatePrivate(new PKCS8EncodedKeySpec(jdk.getEncoded()));

        assertThat(bouncyCastle.getClass().getName()).startsWith("org.bouncycastle");
        assertThat(DkimSigningKey.ed25519Seed(bouncyCastle)).isEqualTo(DkimSigningKey.ed25519Seed(jdk))
            .isEqualTo(java.util.Base64.getDecoder().decode(Rfc8463Test.ED25519_SEED));
        assertThat(new DkimSigningKey("example.com", "s", DkimAlgorithm.ED25519_SHA256, bouncyCastle).ed25519Seed()).hasSize(32);
    }

    @Test
    void aBouncyCastleGeneratedKeySignsLikeAJdkOne() throws Exception {
        PrivateKey generated = KeyPairGenerator.getInstance("Ed25519", new BouncyCastleProvider()).generateKeyPair().getPrivate();

        assertThat(DkimSigningKey.ed25519Seed(generated)).hasSize(32);
    }

    @Test
    void requiresDomainSelectorAlgorithmAndKey() {
        PrivateKey key = TestKeys.ED25519.getPrivate();
        assertThatThrownBy(() -> new DkimSigningKey(" ", "s", DkimAlgorithm.ED25519_SHA256, key))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("DKIM signing key needs a domain");
        assertThatThrownBy(() -> new DkimSigningKey("example.com", null, DkimAlgorithm.ED25519_SHA256, key))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("DKIM signing key needs a selector");
        assertThatThrownBy(() -> new DkimSigningKey("example.com", "s", null, key)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DkimSigningKey("example.com", "s", DkimAlgorithm.ED25519_SHA256, null))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DkimSigningKey("exa mple.com", "s", DkimAlgorithm.ED25519_SHA256, key))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a domain name");
        assertThatThrownBy(() -> new DkimSigningKey("example.com", "s;x=1", DkimAlgorithm.ED25519_SHA256, key))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selector");
    }

    @Test
    void theDomainIsKeptInLowerCase() {
        assertThat(new DkimSigningKey("Herald.EXAMPLE", "2024e", DkimAlgorithm.ED25519_SHA256, TestKeys.ED25519.getPrivate()).domain())
            .isEqualTo("herald.example");
    }

    @Test
    void theKeyMustMatchTheAlgorithm() {
        assertThatThrownBy(() -> new DkimSigningKey("example.com", "s", DkimAlgorithm.RSA_SHA256, TestKeys.ED25519.getPrivate()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rsa-sha256 needs an RSA private key");
        assertThatThrownBy(() -> new DkimSigningKey("example.com", "s", DkimAlgorithm.ED25519_SHA256, TestKeys.RSA.getPrivate()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ed25519-sha256 needs an Ed25519 private key");
    }

    @Test
    void refusesRsaKeysVerifiersWouldRefuse() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        PrivateKey small = generator.generateKeyPair().getPrivate();

        assertThatThrownBy(() -> new DkimSigningKey("example.com", "s", DkimAlgorithm.RSA_SHA256, small))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512 bits");
    }
}
