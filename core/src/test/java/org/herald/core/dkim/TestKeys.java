package org.herald.core.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;

/** Keys for the tests: generated once per run (RSA-2048 takes a moment), or decoded from published vectors. */
final class TestKeys {
    static final String DOMAIN = "herald.example";
    static final KeyPair RSA = generate("RSA", 2048);
    static final KeyPair ED25519 = generate("Ed25519", 0);

    private TestKeys() {
    }

    static DkimSigningKey rsaKey(String selector) {
        return new DkimSigningKey(DOMAIN, selector, DkimAlgorithm.RSA_SHA256, RSA.getPrivate());
    }

    static DkimSigningKey ed25519Key(String selector) {
        return new DkimSigningKey(DOMAIN, selector, DkimAlgorithm.ED25519_SHA256, ED25519.getPrivate());
    }

    static DkimSigningKey key(DkimAlgorithm algorithm, String selector) {
        return algorithm == DkimAlgorithm.RSA_SHA256 ? rsaKey(selector) : ed25519Key(selector);
    }

    /** The TXT record Herald would publish for the test key of {@code algorithm}. */
    static String record(DkimAlgorithm algorithm) {
        return algorithm == DkimAlgorithm.RSA_SHA256
            ? DkimPublicKeyRecord.renderTxt(algorithm, RSA.getPublic().getEncoded())
            : DkimPublicKeyRecord.renderTxt(algorithm, DkimPublicKeyRecord.rawEd25519(ED25519.getPublic()));
    }

    /** A JDK Ed25519 private key from its 32-byte seed (RFC 8410 PKCS#8). */
    static PrivateKey ed25519FromSeed(String seedBase64) {
        byte[] seed = Base64.getDecoder().decode(seedBase64);
        byte[] prefix = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
        byte[] pkcs8 = new byte[prefix.length + seed.length];
        System.arraycopy(prefix, 0, pkcs8, 0, prefix.length);
        System.arraycopy(seed, 0, pkcs8, prefix.length, seed.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RSA private key from a PEM "RSA PRIVATE KEY" (PKCS#1) block. */
    static PrivateKey rsaFromPkcs1Pem(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        org.bouncycastle.asn1.pkcs.RSAPrivateKey key = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(
            Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(key.getModulus(),
                key.getPublicExponent(), key.getPrivateExponent(), key.getPrime1(), key.getPrime2(), key.getExponent1(),
                key.getExponent2(), key.getCoefficient()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
