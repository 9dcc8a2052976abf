package org.herald.core.dkim;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import com.google.common.base.Throwables;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;

/**
 * Computes the b= signatures of outgoing mail. Signing is most of the CPU a relayed mail costs, so each key is prepared
 * once and kept while it is in use: an RSA key translated into the provider's own form, an Ed25519 key as the JDK key
 * the provider takes or as Bouncy Castle's parameters with their public half (Bouncy Castle would otherwise derive the
 * public key, a second scalar multiplication, for every signature).
 *
 * <p>Both algorithms go through the provider Herald was given (Amazon Corretto Crypto Provider, AWS-LC, where its
 * native library loads: about 4x the JDK's RSA-2048 signatures per second and 2x Bouncy Castle's Ed25519 ones on this
 * project's machine) or through pure Java: the JDK's RSA, Bouncy Castle's Ed25519 (PureEdDSA over the SHA-256 of the
 * data, RFC 8463 §3). A key the provider cannot take, or whose first signature does not check out against the pure Java
 * implementation, signs through pure Java instead, with a warning: the provider is an accelerator, never a reason to
 * send mail unsigned. Instances are thread-safe.
 */
public final class DkimSignatureEngine {
    private static final String RSA_SHA256 = "SHA256withRSA";
    private static final String ED25519 = "Ed25519";
    private static final byte[] PROBE = "Herald checks a DKIM signing provider".getBytes(StandardCharsets.US_ASCII);

    private final Optional<Provider> provider;
    private final Consumer<String> warnings;
    /**
     * By key (domain, selector, algorithm, key material): the key cache reloads its key objects now and then, and a
     * reloaded key must neither be prepared nor warned about again. Keys no longer used (rotated) drop out.
     */
    private final Cache<DkimSigningKey, PreparedKey> prepared = CacheBuilder.newBuilder()
        .maximumSize(10_000).expireAfterAccess(Duration.ofDays(1)).build();

    private DkimSignatureEngine(Optional<Provider> provider, Consumer<String> warnings) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** RSA through the JDK's providers, Ed25519 through Bouncy Castle. */
    public static DkimSignatureEngine pureJava() {
        return new DkimSignatureEngine(Optional.empty(), warning -> { });
    }

    /** Both algorithms through {@code provider}; {@code warnings} hears about keys that fell back to pure Java. */
    public static DkimSignatureEngine withProvider(Provider provider, Consumer<String> warnings) {
        return new DkimSignatureEngine(Optional.of(provider), warnings);
    }

    /** What keys are prepared for: the provider's name and version, or the pure Java implementations. */
    public String implementation() {
        return provider.map(chosen -> chosen.getName() + " " + chosen.getVersionStr())
            .orElse("pure Java (the JDK's RSA, Bouncy Castle's Ed25519)");
    }

    byte[] sign(DkimSigningKey key, byte[] signedData) {
        PreparedKey preparedKey;
        try {
            // One thread prepares a key, the others wait for it: one translation, one warning.
            preparedKey = prepared.get(key, () -> prepare(key));
        } catch (ExecutionException | UncheckedExecutionException e) {
            Throwables.throwIfUnchecked(e.getCause());
            throw new IllegalStateException("cannot prepare " + key + " for signing: " + e.getCause().getMessage(), e.getCause());
        }
        return preparedKey.sign(signedData);
    }

    private PreparedKey prepare(DkimSigningKey key) {
        return switch (key.algorithm()) {
            case RSA_SHA256 -> prepareRsa(key);
            case ED25519_SHA256 -> prepareEd25519(key);
        };
    }

    private PreparedKey prepareRsa(DkimSigningKey key) {
        if (this.provider.isEmpty()) {
            return new PreparedRsa(key, key.privateKey(), Optional.empty());
        }
        Provider provider = this.provider.get();
        try {
            PrivateKey translated = (PrivateKey) KeyFactory.getInstance("RSA", provider).translateKey(key.privateKey());
            PreparedRsa candidate = new PreparedRsa(key, translated, Optional.of(provider));
            Optional<PublicKey> publicKey = publicKeyOf(key.privateKey());
            if (publicKey.isPresent() && !verifiesWithJdk(publicKey.get(), candidate.sign(PROBE))) {
                warnings.accept("DKIM: " + provider.getName() + " made an RSA signature with " + key
                    + " that the JDK does not verify; that key signs through the JDK");
                return new PreparedRsa(key, key.privateKey(), Optional.empty());
            }
            return candidate;
        } catch (GeneralSecurityException | RuntimeException e) {
            warnings.accept("DKIM: " + provider.getName() + " cannot sign with " + key + " (" + e.getMessage()
                + "); that key signs through the JDK");
            return new PreparedRsa(key, key.privateKey(), Optional.empty());
        }
    }

    private static Optional<PublicKey> publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey crt && crt.getPublicExponent() != null && crt.getPublicExponent().signum() > 0) {
            BigInteger modulus = crt.getModulus();
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, crt.getPublicExponent())));
        }
        return Optional.empty();
    }

    private static boolean verifiesWithJdk(PublicKey key, byte[] signature) throws GeneralSecurityException {
        Signature jdk = Signature.getInstance(RSA_SHA256);
        jdk.initVerify(key);
        jdk.update(PROBE);
        return jdk.verify(signature);
    }

    private PreparedKey prepareEd25519(DkimSigningKey key) {
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(key.ed25519Seed(), 0);
        PreparedEd25519 pureJava = new PreparedEd25519(privateKey, privateKey.generatePublicKey());
        if (this.provider.isEmpty()) {
            return pureJava;
        }
        Provider provider = this.provider.get();
        try {
            // The provider has no Ed25519 key factory of its own but signs with the JDK's key objects.
            PrivateKey jdkKey = KeyFactory.getInstance(ED25519)
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, key.ed25519Seed()));
            PreparedProviderEd25519 candidate = new PreparedProviderEd25519(key, jdkKey, provider);
            // Ed25519 is deterministic: a right implementation makes exactly Bouncy Castle's signature.
            if (!Arrays.equals(candidate.sign(PROBE), pureJava.sign(PROBE))) {
                warnings.accept("DKIM: " + provider.getName() + " made an Ed25519 signature with " + key
                    + " that differs from Bouncy Castle's; that key signs through Bouncy Castle");
                return pureJava;
            }
            return candidate;
        } catch (GeneralSecurityException | RuntimeException e) {
            warnings.accept("DKIM: " + provider.getName() + " cannot sign with " + key + " (" + e.getMessage()
                + "); that key signs through Bouncy Castle");
            return pureJava;
        }
    }

    private interface PreparedKey {
        byte[] sign(byte[] signedData);
    }

    private record PreparedRsa(DkimSigningKey key, PrivateKey privateKey, Optional<Provider> provider) implements PreparedKey {
        @Override
        public byte[] sign(byte[] signedData) {
            try {
                Signature rsa = provider.isPresent() ? Signature.getInstance(RSA_SHA256, provider.get()) : Signature.getInstance(RSA_SHA256);
                rsa.initSign(privateKey);
                rsa.update(signedData);
                return rsa.sign();
            } catch (java.security.InvalidKeyException e) {
                throw new IllegalArgumentException("cannot sign with " + key + ": " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA signing failed for " + key + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return "PreparedRsa[" + key + "]";
        }
    }

    private record PreparedProviderEd25519(DkimSigningKey key, PrivateKey privateKey, Provider provider) implements PreparedKey {
        @Override
        public byte[] sign(byte[] signedData) {
            try {
                Signature ed25519 = Signature.getInstance(ED25519, provider);
                ed25519.initSign(privateKey);
                ed25519.update(Sha256.of(signedData));
                return ed25519.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed for " + key + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return "PreparedProviderEd25519[" + key + "]";
        }
    }

    private record PreparedEd25519(Ed25519PrivateKeyParameters privateKey, Ed25519PublicKeyParameters publicKey) implements PreparedKey {
        @Override
        public byte[] sign(byte[] signedData) {
            byte[] digest = Sha256.of(signedData);
            byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
            privateKey.sign(Ed25519.Algorithm.Ed25519, publicKey, null, digest, 0, digest.length, signature, 0);
            return signature;
        }

        @Override
        public String toString() {
            return "PreparedEd25519";
        }
    }
}
