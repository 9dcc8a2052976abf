package org.herald.core.dkim.keys;

import java.io.IOException;
import java.io.StringReader;
import java.util.Objects;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.herald.core.dkim.DkimAlgorithm;

/**
 * Reads an operator's existing DKIM private key from PEM: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what opendkim-genkey
 * writes) or PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or Ed25519). Bouncy Castle's PEM parser does the reading; this
 * class decides what Herald accepts and says why it refuses the rest.
 */
public final class PemKeyImport {
    private PemKeyImport() {
    }

    /** @throws IllegalArgumentException saying what is wrong with the PEM text and how to produce an acceptable one */
    public static KeyMaterial read(String pem) {
        Objects.requireNonNull(pem, "pem");
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The private key is not readable PEM: " + e.getMessage());
        }
        if (parsed == null) {
            throw new IllegalArgumentException("No PEM private key found: expected -----BEGIN PRIVATE KEY----- or "
                + "-----BEGIN RSA PRIVATE KEY-----");
        }
        if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new IllegalArgumentException("The private key is protected by a passphrase; remove it first "
                + "(openssl pkey -in key.pem -out plain.pem) — Herald encrypts keys at rest itself");
        }
        PrivateKeyInfo info;
        if (parsed instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else if (parsed instanceof PrivateKeyInfo privateKeyInfo) {
            info = privateKeyInfo;
        } else {
            throw new IllegalArgumentException("The PEM block is a " + parsed.getClass().getSimpleName()
                + ", not a private key");
        }
        var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        DkimAlgorithm algorithm;
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            algorithm = DkimAlgorithm.RSA_SHA256;
        } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            algorithm = DkimAlgorithm.ED25519_SHA256;
        } else {
            throw new IllegalArgumentException("The private key's algorithm (" + oid.getId() + ") is neither RSA nor "
                + "Ed25519, the two DKIM signs with");
        }
        try {
            return KeyMaterial.ofPrivateKey(algorithm, info.getEncoded());
        } catch (IOException e) {
            throw new IllegalArgumentException("The private key cannot be re-encoded: " + e.getMessage());
        }
    }
}
