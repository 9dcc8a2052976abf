package org.herald.core.dkim;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * A key a domain signs with: the d= and s= it signs as, the algorithm, and the private key. For Ed25519 the key may be
 * the JDK's EdDSA key or Bouncy Castle's: both encode as PKCS#8, from which {@link #ed25519Seed} reads the 32-byte
 * seed Bouncy Castle's signer works on.
 */
public record DkimSigningKey(String domain, String selector, DkimAlgorithm algorithm, PrivateKey privateKey) {
    /** RFC 8301 §3.2: verifiers must refuse smaller RSA keys, so signing with one would only produce failures. */
    public static final int MINIMUM_RSA_BITS = 1024;
    private static final int ED25519_SEED_LENGTH = 32;
    /** id-Ed25519 (RFC 8410). */
    private static final String ED25519_OID = "1.3.101.112";
    /** A selector is a sub-domain (RFC 6376 §3.1): dot-separated labels. */
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?"
        + "(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*");
    /** d= is a domain name in its ASCII (A-label) form. */
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
        + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");

    public DkimSigningKey {
        requireNonBlank(domain, "domain");
        requireNonBlank(selector, "selector");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("DKIM domain \"" + domain + "\" is not a domain name in ASCII form");
        }
        if (!SELECTOR.matcher(selector).matches()) {
            throw new IllegalArgumentException("DKIM selector \"" + selector + "\" is not made of letters, digits, '-', '_' and dots");
        }
        domain = domain.toLowerCase(Locale.ROOT);
        if (algorithm == DkimAlgorithm.RSA_SHA256) {
            if (!(privateKey instanceof RSAPrivateKey)) {
                throw new IllegalArgumentException("rsa-sha256 needs an RSA private key, got " + privateKey.getAlgorithm());
            }
            int bits = ((RSAPrivateKey) privateKey).getModulus().bitLength();
            if (bits < MINIMUM_RSA_BITS) {
                throw new IllegalArgumentException("RSA key of " + domain + " selector " + selector + " has " + bits
                    + " bits; verifiers refuse keys under " + MINIMUM_RSA_BITS + " bits (RFC 8301)");
            }
        } else {
            ed25519Seed(privateKey);
        }
    }

    /** The 32-byte seed of this key; only for Ed25519 keys. */
    public byte[] ed25519Seed() {
        return ed25519Seed(privateKey);
    }

    /**
     * The 32-byte seed of an Ed25519 private key, JDK or Bouncy Castle: PKCS#8 wraps it as an OCTET STRING inside the
     * privateKey OCTET STRING (RFC 8410 §7).
     *
     * @throws IllegalArgumentException when the key is not an Ed25519 key
     */
    public static byte[] ed25519Seed(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new IllegalArgumentException("the " + key.getAlgorithm() + " private key cannot be encoded, so its Ed25519 seed cannot be read");
        }
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(encoded);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the " + key.getAlgorithm() + " private key's encoding is not PKCS#8", e);
        }
        String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        if (!ED25519_OID.equals(oid)) {
            throw new IllegalArgumentException("ed25519-sha256 needs an Ed25519 private key, got " + key.getAlgorithm()
                + " (" + oid + ")");
        }
        byte[] seed;
        try {
            seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the Ed25519 private key's seed cannot be read from its PKCS#8 encoding", e);
        }
        if (seed.length != ED25519_SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 private key holds a 32-byte seed, this one " + seed.length + " bytes");
        }
        return seed;
    }

    private static void requireNonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("DKIM signing key needs a " + what);
        }
    }

    @Override
    public String toString() {
        return "DkimSigningKey[" + algorithm.tag() + " " + selector + "._domainkey." + domain + "]";
    }
}
