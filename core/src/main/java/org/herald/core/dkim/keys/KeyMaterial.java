package org.herald.core.dkim.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.herald.core.dkim.DkimAlgorithm;

/**
 * A key pair in the two forms Herald needs: the private key as PKCS#8 (to seal and store) and the public key as the
 * p= value of its DKIM record (RFC 6376 for RSA: base64 of the SubjectPublicKeyInfo; RFC 8463 for Ed25519: base64
 * of the raw 32 bytes).
 */
public final class KeyMaterial {
    public static final int RSA_BITS = 2048;
    /** RFC 8301: verifiers must not accept RSA keys under 1024 bits, so neither does import. */
    public static final int RSA_MINIMUM_BITS = 1024;

    private final DkimAlgorithm algorithm;
    private final byte[] pkcs8;
    private final String publicKey;

    private KeyMaterial(DkimAlgorithm algorithm, byte[] pkcs8, String publicKey) {
        this.algorithm = algorithm;
        this.pkcs8 = pkcs8;
        this.publicKey = publicKey;
    }

    /** A fresh key pair: RSA-2048 (exponent 65537) or Ed25519. */
    public static KeyMaterial generate(DkimAlgorithm algorithm, SecureRandom random) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4), random);
                return ofPrivateKey(algorithm, generator.generateKeyPair().getPrivate().getEncoded());
            }
            byte[] seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
            random.nextBytes(seed);
            return ofEd25519Seed(seed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot generate " + algorithm.keyType() + " keys", e);
        }
    }

    /**
     * The key pair of a PKCS#8-encoded private key; the public half is derived from it.
     *
     * @throws IllegalArgumentException when the key is not an RSA key of at least 1024 bits or an Ed25519 key
     */
    public static KeyMaterial ofPrivateKey(DkimAlgorithm algorithm, byte[] pkcs8) {
        try {
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                if (!(key instanceof RSAPrivateCrtKey crt)) {
                    throw new IllegalArgumentException("The RSA private key lacks its public exponent (not a CRT key)");
                }
                if (crt.getModulus().bitLength() < RSA_MINIMUM_BITS) {
                    throw new IllegalArgumentException("The RSA key has " + crt.getModulus().bitLength()
                        + " bits; DKIM verifiers reject keys under " + RSA_MINIMUM_BITS + " bits (RFC 8301): use 2048");
                }
                RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
                return new KeyMaterial(algorithm, pkcs8.clone(), Base64.getEncoder().encodeToString(publicKey.getEncoded()));
            }
            return ofEd25519Seed(ed25519Seed(pkcs8));
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal) {
                throw illegal;
            }
            throw new IllegalArgumentException("Not a usable " + algorithm.keyType() + " private key: " + e.getMessage(), e);
        }
    }

    private static KeyMaterial ofEd25519Seed(byte[] seed) {
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        byte[] pkcs8 = ed25519Pkcs8(seed);
        return new KeyMaterial(DkimAlgorithm.ED25519_SHA256, pkcs8,
            Base64.getEncoder().encodeToString(privateKey.generatePublicKey().getEncoded()));
    }

    /** The PKCS#8 (RFC 8410) encoding of an Ed25519 seed: a fixed 16-byte prefix, then the 32-byte seed. */
    private static byte[] ed25519Pkcs8(byte[] seed) {
        byte[] prefix = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
        byte[] encoded = Arrays.copyOf(prefix, prefix.length + seed.length);
        System.arraycopy(seed, 0, encoded, prefix.length, seed.length);
        return encoded;
    }

    private static byte[] ed25519Seed(byte[] pkcs8) throws java.io.IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
        if (!"1.3.101.112".equals(info.getPrivateKeyAlgorithm().getAlgorithm().getId())) {
            throw new IllegalArgumentException("The key is not an Ed25519 key (algorithm "
                + info.getPrivateKeyAlgorithm().getAlgorithm().getId() + ")");
        }
        byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("An Ed25519 private key has 32 bytes, not " + seed.length);
        }
        return seed;
    }

    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    public byte[] pkcs8() {
        return pkcs8.clone();
    }

    /** The p= value. */
    public String publicKey() {
        return publicKey;
    }

    /** The private key as a JDK key object, for signing. */
    public static PrivateKey privateKey(DkimAlgorithm algorithm, byte[] pkcs8) {
        try {
            String jdkName = algorithm == DkimAlgorithm.RSA_SHA256 ? "RSA" : "Ed25519";
            return KeyFactory.getInstance(jdkName).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a usable " + algorithm.keyType() + " private key: " + e.getMessage(), e);
        }
    }
}
