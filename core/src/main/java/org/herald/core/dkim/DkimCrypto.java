package org.herald.core.dkim;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The two signature algorithms over the signed header data. rsa-sha256 signs the data with SHA256withRSA; ed25519-sha256
 * signs the 32-byte SHA-256 digest of the data with PureEdDSA (RFC 8463 §3), through Bouncy Castle, whose Ed25519 is
 * many times faster than the JDK's. Every call builds its own signer: nothing here is shared between threads.
 */
final class DkimCrypto {
    private DkimCrypto() {
    }

    static byte[] sign(DkimSigningKey key, byte[] signedData) {
        switch (key.algorithm()) {
            case RSA_SHA256:
                try {
                    Signature rsa = Signature.getInstance("SHA256withRSA");
                    rsa.initSign(key.privateKey());
                    rsa.update(signedData);
                    return rsa.sign();
                } catch (InvalidKeyException e) {
                    throw new IllegalArgumentException("cannot sign with " + key + ": " + e.getMessage(), e);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("RSA signing failed for " + key + ": " + e.getMessage(), e);
                }
            case ED25519_SHA256:
                Ed25519Signer ed25519 = new Ed25519Signer();
                ed25519.init(true, new Ed25519PrivateKeyParameters(key.ed25519Seed(), 0));
                byte[] digest = Sha256.of(signedData);
                ed25519.update(digest, 0, digest.length);
                return ed25519.generateSignature();
            default:
                throw new IllegalStateException("unknown algorithm " + key.algorithm());
        }
    }

    /** Whether {@code signature} is a valid signature of {@code signedData}; false for a malformed signature too. */
    static boolean verify(DkimAlgorithm algorithm, DkimPublicKeyRecord key, byte[] signedData, byte[] signature) {
        switch (algorithm) {
            case RSA_SHA256:
                try {
                    Signature rsa = Signature.getInstance("SHA256withRSA");
                    rsa.initVerify(key.publicKey());
                    rsa.update(signedData);
                    return rsa.verify(signature);
                } catch (SignatureException | InvalidKeyException e) {
                    return false;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("RSA verification is unavailable: " + e.getMessage(), e);
                }
            case ED25519_SHA256:
                byte[] raw = key.publicKeyData();
                Ed25519Signer ed25519 = new Ed25519Signer();
                ed25519.init(false, new Ed25519PublicKeyParameters(raw, 0));
                byte[] digest = Sha256.of(signedData);
                ed25519.update(digest, 0, digest.length);
                return ed25519.verifySignature(signature);
            default:
                throw new IllegalStateException("unknown algorithm " + algorithm);
        }
    }

    /** The size of an RSA key in bits; 0 for other keys. */
    static int rsaBits(PublicKey key) {
        if (key instanceof java.security.interfaces.RSAPublicKey) {
            return ((java.security.interfaces.RSAPublicKey) key).getModulus().bitLength();
        }
        return 0;
    }
}
