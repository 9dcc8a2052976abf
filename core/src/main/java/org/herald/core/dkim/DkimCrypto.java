package org.herald.core.dkim;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verification of the two signature algorithms over the signed header data (signing is {@link DkimSignatureEngine}'s).
 * rsa-sha256 verifies SHA256withRSA; ed25519-sha256 verifies PureEdDSA over the 32-byte SHA-256 digest of the data
 * (RFC 8463 §3), through Bouncy Castle, whose Ed25519 is many times faster than the JDK's. Every call builds its own
 * verifier: nothing here is shared between threads.
 */
final class DkimCrypto {
    private static final String RSA_SHA256 = "SHA256withRSA";

    private DkimCrypto() {
    }

    /** Whether {@code signature} is a valid signature of {@code signedData}; false for a malformed signature too. */
    static boolean verify(DkimAlgorithm algorithm, DkimPublicKeyRecord key, byte[] signedData, byte[] signature) {
        return switch (algorithm) {
            case RSA_SHA256 -> verifyRsa(key.publicKey(), signedData, signature);
            case ED25519_SHA256 -> verifyEd25519(key.publicKeyData(), signedData, signature);
        };
    }

    /** The size of an RSA key in bits; 0 for other keys. */
    static int rsaBits(PublicKey key) {
        return key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 0;
    }

    private static boolean verifyRsa(PublicKey key, byte[] signedData, byte[] signature) {
        try {
            Signature rsa = Signature.getInstance(RSA_SHA256);
            rsa.initVerify(key);
            rsa.update(signedData);
            return rsa.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA verification is unavailable: " + e.getMessage(), e);
        }
    }

    private static boolean verifyEd25519(byte[] rawPublicKey, byte[] signedData, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(rawPublicKey, 0));
        byte[] digest = Sha256.of(signedData);
        verifier.update(digest, 0, digest.length);
        return verifier.verifySignature(signature);
    }
}
