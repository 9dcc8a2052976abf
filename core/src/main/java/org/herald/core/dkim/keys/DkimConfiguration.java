package org.herald.core.dkim.keys;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.herald.core.config.Secret;
import org.herald.core.dkim.DkimAlgorithm;

/**
 * conf/dkim.xml, parsed once.
 *
 * @param algorithms        what POST /dkim/domains/{domain}/keys generates when the body names none
 * @param overlap           how long a replaced key stays published (retiring) before it is retired
 * @param dnsCheckInterval  how often pending keys are looked up in DNS (and active ones re-checked)
 * @param keyRefresh        how soon a key activated on another node signs here
 * @param keyEncryptionKey  base64 of 32 bytes; empty: generated into the data directory
 * @param authservId        the authserv-id of Authentication-Results headers; empty: the server's default domain
 * @param maxSignatures     DKIM signatures verified per inbound message at most
 * @param signingProvider   what computes the signatures of outgoing mail
 */
public record DkimConfiguration(
    SelectorNaming naming,
    Set<DkimAlgorithm> algorithms,
    Duration overlap,
    Duration dnsCheckInterval,
    Duration keyRefresh,
    Optional<Secret> keyEncryptionKey,
    Optional<String> authservId,
    int maxSignatures,
    SigningProvider signingProvider) {

    /** conf/dkim.xml {@code <signing provider>}: what computes RSA and Ed25519 signatures. */
    public enum SigningProvider {
        /** Amazon Corretto Crypto Provider where its native library loads on this machine, else pure Java. */
        AUTO,
        /** The JDK's RSA and Bouncy Castle's Ed25519 only. */
        JAVA
    }

    public static final Duration DEFAULT_OVERLAP = Duration.ofDays(7);
    public static final Duration DEFAULT_DNS_CHECK_INTERVAL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_KEY_REFRESH = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_SIGNATURES = 5;
    public static final DkimConfiguration DEFAULT = new DkimConfiguration(new SelectorNaming(SelectorNaming.DEFAULT_PATTERN),
        Set.of(DkimAlgorithm.values()), DEFAULT_OVERLAP, DEFAULT_DNS_CHECK_INTERVAL, DEFAULT_KEY_REFRESH, Optional.empty(),
        Optional.empty(), DEFAULT_MAX_SIGNATURES, SigningProvider.AUTO);

    public DkimConfiguration {
        Objects.requireNonNull(naming, "naming");
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(overlap, "overlap");
        Objects.requireNonNull(dnsCheckInterval, "dnsCheckInterval");
        Objects.requireNonNull(keyRefresh, "keyRefresh");
        Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
        Objects.requireNonNull(authservId, "authservId");
        Objects.requireNonNull(signingProvider, "signingProvider");
    }
}
