package org.herald.core.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A DKIM key record, the TXT record published at {@code <selector>._domainkey.<domain>} (RFC 6376 §3.6.1), parsed and
 * with its key decoded, so that a record Herald cannot use is refused when it is read, with the reason, rather than
 * when a signature fails. RSA keys are published as SubjectPublicKeyInfo DER (a bare PKCS#1 RSAPublicKey, which some
 * old generators wrote, is accepted too); Ed25519 keys as the raw 32-byte key (RFC 8463 §4.2), never wrapped.
 */
public final class DkimPublicKeyRecord {
    /** What a TXT character-string holds at most (RFC 1035 §3.3). */
    public static final int DNS_STRING_LIMIT = 255;
    private static final int ED25519_KEY_LENGTH = 32;
    /** The DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410), followed by the raw 32 bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final String version;
    private final DkimAlgorithm algorithm;
    private final String keyType;
    private final String publicKeyBase64;
    private final byte[] publicKeyData;
    private final PublicKey publicKey;
    private final Set<String> hashAlgorithms;
    private final Set<String> serviceTypes;
    private final Set<String> flags;

    private DkimPublicKeyRecord(String version, DkimAlgorithm algorithm, String keyType, String publicKeyBase64,
                                byte[] publicKeyData, PublicKey publicKey, Set<String> hashAlgorithms,
                                Set<String> serviceTypes, Set<String> flags) {
        this.version = version;
        this.algorithm = algorithm;
        this.keyType = keyType;
        this.publicKeyBase64 = publicKeyBase64;
        this.publicKeyData = publicKeyData;
        this.publicKey = publicKey;
        this.hashAlgorithms = hashAlgorithms;
        this.serviceTypes = serviceTypes;
        this.flags = flags;
    }

    /**
     * Parses a key record, given as the TXT record's strings joined without separators.
     *
     * @throws InvalidDkimRecordException when the record breaks the syntax, names an unknown version or key type, or
     *                                    its p= is not a key of its k= type
     */
    public static DkimPublicKeyRecord parse(String joinedTxt) {
        Objects.requireNonNull(joinedTxt, "joinedTxt");
        DkimTagList tags;
        try {
            tags = DkimTagList.parse(joinedTxt);
        } catch (DkimSyntaxException e) {
            throw new InvalidDkimRecordException(e.getMessage(), e);
        }
        String version = tags.get("v").orElse("DKIM1");
        if (!version.equals("DKIM1")) {
            throw new InvalidDkimRecordException("unknown version v=" + version);
        }
        DkimTagList.Tag p = tags.tag("p").orElseThrow(() -> new InvalidDkimRecordException("no p= tag"));
        String keyType = tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
        DkimAlgorithm algorithm = DkimAlgorithm.fromKeyType(keyType)
            .orElseThrow(() -> new InvalidDkimRecordException("unknown key type k=" + keyType));
        Set<String> hashes = list(tags.get("h").orElse(""));
        Set<String> services = list(tags.get("s").orElse("*"));
        Set<String> flags = list(tags.get("t").orElse(""));
        String base64 = p.compactValue();
        if (base64.isEmpty()) {
            return new DkimPublicKeyRecord(version, algorithm, keyType, "", new byte[0], null, hashes, services, flags);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidDkimRecordException("p= is not base64", e);
        }
        PublicKey key = algorithm == DkimAlgorithm.RSA_SHA256 ? rsaKey(data) : ed25519Key(data);
        return new DkimPublicKeyRecord(version, algorithm, keyType, base64, data, key, hashes, services, flags);
    }

    /**
     * The record to publish for a key: {@code v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo DER>} or
     * {@code v=DKIM1; k=ed25519; p=<base64 raw 32-byte key>}. Use {@link #splitForDns} to publish it.
     *
     * @param publicKeyData for RSA the SubjectPublicKeyInfo DER ({@code PublicKey.getEncoded()}); for Ed25519 the raw
     *                      32-byte public key
     */
    public static String renderTxt(DkimAlgorithm algorithm, byte[] publicKeyData) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKeyData, "publicKeyData");
        if (algorithm == DkimAlgorithm.ED25519_SHA256 && publicKeyData.length != ED25519_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 key record holds the raw 32-byte public key (RFC 8463), got "
                + publicKeyData.length + " bytes");
        }
        if (algorithm == DkimAlgorithm.RSA_SHA256 && spkiRsaKey(publicKeyData) == null) {
            throw new IllegalArgumentException("an RSA key record holds the key's SubjectPublicKeyInfo DER"
                + " (PublicKey.getEncoded()); the given bytes are not one");
        }
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(publicKeyData);
    }

    /**
     * Splits a record value into the character-strings of one TXT record, each at most 255 characters; readers join
     * them without separators (RFC 6376 §3.6.2.2), so where the cut falls does not matter.
     */
    public static List<String> splitForDns(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            return List.of("");
        }
        List<String> chunks = new ArrayList<>();
        for (int start = 0; start < value.length(); start += DNS_STRING_LIMIT) {
            chunks.add(value.substring(start, Math.min(value.length(), start + DNS_STRING_LIMIT)));
        }
        return List.copyOf(chunks);
    }

    /** The raw 32-byte key of an Ed25519 public key, as an Ed25519 key record publishes it. */
    public static byte[] rawEd25519(PublicKey key) {
        byte[] encoded = Objects.requireNonNull(key, "key").getEncoded();
        if (encoded == null || encoded.length != ED25519_SPKI_PREFIX.length + ED25519_KEY_LENGTH
            || !Arrays.equals(encoded, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, ED25519_SPKI_PREFIX.length, encoded.length);
    }

    /** v=; "DKIM1" when absent, the only version there is. */
    public String version() {
        return version;
    }

    /** k=, lower case; "rsa" when absent. */
    public String keyType() {
        return keyType;
    }

    /** The algorithm family the key belongs to. */
    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    /** p= with whitespace removed; "" when the key is revoked. */
    public String publicKeyBase64() {
        return publicKeyBase64;
    }

    /** An empty p= revokes the key (RFC 6376 §3.6.1): signatures made with it must not verify. */
    public boolean revoked() {
        return publicKeyBase64.isEmpty();
    }

    /** The decoded p=: SubjectPublicKeyInfo DER for RSA, the raw 32 bytes for Ed25519; empty when revoked. */
    public byte[] publicKeyData() {
        return publicKeyData.clone();
    }

    /**
     * The key: an RSA key, or for Ed25519 the JDK's EdDSA key (its encoding ends with the raw 32 bytes).
     *
     * @throws IllegalStateException when the key is revoked
     */
    public PublicKey publicKey() {
        if (publicKey == null) {
            throw new IllegalStateException("the key is revoked (empty p=)");
        }
        return publicKey;
    }

    /** h=: the hash algorithms the key may be used with, lower case; empty when absent, meaning any. */
    public Set<String> hashAlgorithms() {
        return hashAlgorithms;
    }

    public boolean allowsHash(String hash) {
        return hashAlgorithms.isEmpty() || hashAlgorithms.contains(hash.toLowerCase(Locale.ROOT));
    }

    /** s=: the service types, lower case; "*" when absent. */
    public Set<String> serviceTypes() {
        return serviceTypes;
    }

    /** Whether the key may sign email (s= is "*" or lists "email"). */
    public boolean allowsEmail() {
        return serviceTypes.contains("*") || serviceTypes.contains("email");
    }

    /** t=: the flags, lower case ("y" testing, "s" no subdomains in i=); empty when absent. */
    public Set<String> flags() {
        return flags;
    }

    private static Set<String> list(String value) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.split(":")) {
            String trimmed = DkimTagList.removeWhitespace(item).toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
        }
        return Set.copyOf(items);
    }

    private static PublicKey rsaKey(byte[] data) {
        PublicKey key = spkiRsaKey(data);
        if (key != null) {
            return key;
        }
        try {
            org.bouncycastle.asn1.pkcs.RSAPublicKey pkcs1 = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(data);
            return rsaKeyFactory().generatePublic(new RSAPublicKeySpec(pkcs1.getModulus(), pkcs1.getPublicExponent()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidDkimRecordException("p= is not an RSA public key", e);
        }
    }

    /** The key when {@code data} is an RSA SubjectPublicKeyInfo, else null. */
    private static PublicKey spkiRsaKey(byte[] data) {
        try {
            return rsaKeyFactory().generatePublic(new X509EncodedKeySpec(data));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static KeyFactory rsaKeyFactory() {
        try {
            return KeyFactory.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no RSA key factory", e);
        }
    }

    private static PublicKey ed25519Key(byte[] data) {
        if (data.length != ED25519_KEY_LENGTH) {
            throw new InvalidDkimRecordException("an ed25519 p= must be the raw 32-byte key (RFC 8463), not " + data.length
                + " bytes");
        }
        byte[] encoded = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + ED25519_KEY_LENGTH);
        System.arraycopy(data, 0, encoded, ED25519_SPKI_PREFIX.length, ED25519_KEY_LENGTH);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidDkimRecordException("p= is not an Ed25519 public key", e);
        }
    }

    @Override
    public String toString() {
        return "v=" + version + "; k=" + keyType + "; p=" + (revoked() ? "" : publicKeyBase64);
    }
}
