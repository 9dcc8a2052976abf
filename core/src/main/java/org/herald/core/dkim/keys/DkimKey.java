package org.herald.core.dkim.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.herald.core.dkim.DkimAlgorithm;

/**
 * One selector of one domain: its key pair (the private half sealed), where it is in its life and what DNS last said
 * about it. Immutable; every lifecycle step returns a new value for the store.
 *
 * @param publicKey the p= value: base64 of the SubjectPublicKeyInfo (RSA) or of the raw 32-byte key (Ed25519)
 * @param origin    how Herald got the key: "generated" or "imported"
 */
public record DkimKey(
    String domain,
    String selector,
    DkimAlgorithm algorithm,
    SelectorState state,
    String publicKey,
    SealedPrivateKey privateKey,
    String origin,
    Instant created,
    Optional<Instant> activated,
    Optional<Instant> retiring,
    Optional<Instant> retired,
    DnsCheck lastCheck) {

    public static final String GENERATED = "generated";
    public static final String IMPORTED = "imported";

    public DkimKey {
        domain = DkimNames.domain(domain);
        selector = DkimNames.selector(selector);
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(activated, "activated");
        Objects.requireNonNull(retiring, "retiring");
        Objects.requireNonNull(retired, "retired");
        Objects.requireNonNull(lastCheck, "lastCheck");
    }

    public static DkimKey pending(String domain, String selector, DkimAlgorithm algorithm, String publicKey,
                                  SealedPrivateKey privateKey, String origin, Instant now) {
        return new DkimKey(domain, selector, algorithm, SelectorState.PENDING, publicKey, privateKey, origin, now,
            Optional.empty(), Optional.empty(), Optional.empty(), DnsCheck.NOT_CHECKED);
    }

    /** The DNS name its TXT record lives at. */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    public DkimKey checked(DnsCheck check) {
        return new DkimKey(domain, selector, algorithm, state, publicKey, privateKey, origin, created, activated, retiring, retired, check);
    }

    public DkimKey activatedAt(Instant now, DnsCheck check) {
        requireState(SelectorState.PENDING, "activate");
        return new DkimKey(domain, selector, algorithm, SelectorState.ACTIVE, publicKey, privateKey, origin, created,
            Optional.of(now), retiring, retired, check);
    }

    public DkimKey retiringAt(Instant now) {
        requireState(SelectorState.ACTIVE, "retire");
        return new DkimKey(domain, selector, algorithm, SelectorState.RETIRING, publicKey, privateKey, origin, created,
            activated, Optional.of(now), retired, lastCheck);
    }

    public DkimKey retiredAt(Instant now) {
        requireState(SelectorState.RETIRING, "mark retired");
        return new DkimKey(domain, selector, algorithm, SelectorState.RETIRED, publicKey, privateKey, origin, created,
            activated, retiring, Optional.of(now), lastCheck);
    }

    private void requireState(SelectorState expected, String action) {
        if (state != expected) {
            throw new IllegalStateException("Cannot " + action + " selector " + selector + " of " + domain + ": it is "
                + state.label() + ", not " + expected.label());
        }
    }
}
