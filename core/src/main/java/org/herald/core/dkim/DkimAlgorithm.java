package org.herald.core.dkim;

import java.util.Locale;
import java.util.Optional;

/**
 * The DKIM signing algorithms Herald signs and verifies with. rsa-sha1 is deliberately absent: RFC 8301 forbids
 * signing with it and forbids verifiers from treating it as valid.
 */
public enum DkimAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256 (RFC 6376); what every receiver understands. */
    RSA_SHA256("rsa", "rsa-sha256", 'r'),
    /**
     * PureEdDSA Ed25519 over the SHA-256 digest of the signed header data (RFC 8463): small keys and signatures, but
     * not yet verified by every receiver, so Herald signs with it next to RSA, never alone.
     */
    ED25519_SHA256("ed25519", "ed25519-sha256", 'e');

    private final String keyType;
    private final String tag;
    private final char selectorSuffix;

    DkimAlgorithm(String keyType, String tag, char selectorSuffix) {
        this.keyType = keyType;
        this.tag = tag;
        this.selectorSuffix = selectorSuffix;
    }

    /** The key record's k= value. */
    public String keyType() {
        return keyType;
    }

    /** The signature's a= value. */
    public String tag() {
        return tag;
    }

    /**
     * The letter Herald appends to a selector base to tell the two keys of a dual-signing domain apart
     * ({@code 2024e}, {@code 2024r}), so both can be rotated under one name.
     */
    public char selectorSuffix() {
        return selectorSuffix;
    }

    /** The algorithm an a= value names (case-insensitively); empty for rsa-sha1 and unknown values. */
    public static Optional<DkimAlgorithm> fromTag(String aTag) {
        if (aTag == null) {
            return Optional.empty();
        }
        String wanted = aTag.trim().toLowerCase(Locale.ROOT);
        for (DkimAlgorithm algorithm : values()) {
            if (algorithm.tag.equals(wanted)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The algorithm whose keys a k= value names (case-insensitively); empty for unknown key types. */
    public static Optional<DkimAlgorithm> fromKeyType(String k) {
        if (k == null) {
            return Optional.empty();
        }
        String wanted = k.trim().toLowerCase(Locale.ROOT);
        for (DkimAlgorithm algorithm : values()) {
            if (algorithm.keyType.equals(wanted)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
