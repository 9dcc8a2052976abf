package org.herald.core.dkim.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts DKIM private keys before they reach the store (AES-256-GCM). The domain and selector are bound in as
 * associated data, so a sealed key copied onto another selector's row does not open. Sealed form: a version byte,
 * a 12-byte random nonce, the ciphertext with its 16-byte tag.
 */
public final class PrivateKeySealer {
    public static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public PrivateKeySealer(byte[] keyEncryptionKey) {
        Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
        if (keyEncryptionKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("A DKIM key-encryption key has " + KEY_BYTES + " bytes (base64 of 32 random "
                + "bytes, e.g. `openssl rand -base64 32`), not " + keyEncryptionKey.length);
        }
        this.key = new SecretKeySpec(keyEncryptionKey.clone(), "AES");
    }

    public SealedPrivateKey seal(String domain, String selector, byte[] pkcs8) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(domain, selector));
            byte[] ciphertext = cipher.doFinal(pkcs8);
            return new SealedPrivateKey(ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length)
                .put(VERSION).put(nonce).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JDK", e);
        }
    }

    /**
     * @return the PKCS#8 encoding of the private key
     * @throws KeyUnsealingException when the key was sealed with another key-encryption key, for another selector,
     *                               or damaged
     */
    public byte[] open(String domain, String selector, SealedPrivateKey sealed) {
        byte[] bytes = sealed.bytes();
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw new KeyUnsealingException("The private key of selector " + selector + " of " + domain
                + " is not in a format this Herald can read (damaged, or sealed by another version)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(domain, selector));
            return cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new KeyUnsealingException("The private key of selector " + selector + " of " + domain
                + " cannot be decrypted with this key-encryption key: it was sealed with another one (conf/dkim.xml "
                + "<privateKeyEncryption>; every node sharing a store needs the same key), or it is damaged");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JDK", e);
        }
    }

    /** A short, non-secret fingerprint of the key-encryption key, for logs ("sealing DKIM keys with key 3f2a…"). */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 4));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    private static byte[] associatedData(String domain, String selector) {
        return ("herald-dkim:" + domain + ":" + selector).getBytes(StandardCharsets.UTF_8);
    }

    /** A sealed private key that does not open with the configured key-encryption key. */
    public static final class KeyUnsealingException extends RuntimeException {
        public KeyUnsealingException(String message) {
            super(message);
        }
    }
}
