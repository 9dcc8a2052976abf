package org.herald.core.dkim.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.herald.core.dkim.DkimAlgorithm;
import org.herald.core.dkim.DkimPublicKeyRecord;
import org.herald.core.dkim.DkimSigningKey;
import org.herald.core.store.DkimKeyStore;

/**
 * The life of every DKIM key: generate or import (pending) → active once DNS publishes it → retiring when a newer key
 * of the same algorithm takes over → retired after the overlap. Nothing signs with a key the pre-check has not seen in
 * DNS. Each domain has at most one active key per algorithm, so dual signing is one RSA and one Ed25519 signature.
 *
 * <p>Called by the WebAdmin routes (on demand) and by a periodic task ({@link #tick}); several nodes may run both at
 * once over a shared store: every state change is a compare-and-set on the key's state, and the loser of a race
 * simply re-reads.
 */
public final class DkimKeyLifecycle {
    private final DkimKeyStore store;
    private final PublishedKeyCheck dnsCheck;
    private final PrivateKeySealer sealer;
    private final SelectorNaming naming;
    private final Duration overlap;
    private final Clock clock;
    private final SecureRandom random;
    private final Consumer<DkimKeyEvent> events;

    public DkimKeyLifecycle(DkimKeyStore store, PublishedKeyCheck dnsCheck, PrivateKeySealer sealer, SelectorNaming naming,
                            Duration overlap, Clock clock, SecureRandom random, Consumer<DkimKeyEvent> events) {
        this.store = Objects.requireNonNull(store, "store");
        this.dnsCheck = Objects.requireNonNull(dnsCheck, "dnsCheck");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.naming = Objects.requireNonNull(naming, "naming");
        this.overlap = Objects.requireNonNull(overlap, "overlap");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Generates a pending key per algorithm and checks DNS for it at once (a selector name reused from an earlier
     * key could already be published).
     *
     * @throws DkimKeyConflictException when the domain already has a pending key of one of these algorithms
     */
    public List<DkimKey> generate(String domain, Set<DkimAlgorithm> algorithms) {
        String normalised = DkimNames.domain(domain);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("Name at least one algorithm: rsa-sha256, ed25519-sha256");
        }
        List<DkimKey> existing = store.forDomain(normalised);
        for (DkimAlgorithm algorithm : algorithms) {
            existing.stream()
                .filter(key -> key.algorithm() == algorithm && key.state() == SelectorState.PENDING)
                .findFirst()
                .ifPresent(pending -> {
                    throw new DkimKeyConflictException(normalised + " already has a pending " + algorithm.tag() + " key ("
                        + pending.selector() + "): publish and activate it, or delete it, before generating another", pending);
                });
        }
        List<DkimKey> created = new ArrayList<>();
        for (DkimAlgorithm algorithm : sorted(algorithms)) {
            created.add(addPending(normalised, KeyMaterial.generate(algorithm, random), Optional.empty(), DkimKey.GENERATED));
        }
        return created;
    }

    /** Imports an existing private key (PEM) as a pending key, under the given selector or a generated name. */
    public DkimKey importKey(String domain, String pem, Optional<String> selector) {
        String normalised = DkimNames.domain(domain);
        KeyMaterial material = PemKeyImport.read(pem);
        return addPending(normalised, material, selector.map(DkimNames::selector), DkimKey.IMPORTED);
    }

    private DkimKey addPending(String domain, KeyMaterial material, Optional<String> selector, String origin) {
        Instant now = clock.instant();
        Set<String> taken = store.forDomain(domain).stream().map(DkimKey::selector).collect(Collectors.toSet());
        String name = selector.orElseGet(() -> naming.next(now, material.algorithm(), taken));
        if (taken.contains(name)) {
            throw new DkimKeyConflictException(domain + " already has a key with selector " + name + ": choose another selector");
        }
        DkimKey key = DkimKey.pending(domain, name, material.algorithm(), material.publicKey(),
            sealer.seal(domain, name, material.pkcs8()), origin, now);
        try {
            store.insert(key);
        } catch (DkimKeyStore.DuplicateSelectorException e) {
            throw new DkimKeyConflictException(e.getMessage() + ": try again");
        }
        events.accept(new DkimKeyEvent(key, "created (" + origin + "), pending until its TXT record is published"));
        return recordCheck(key, dnsCheck.check(key));
    }

    /**
     * Checks DNS now and activates the key if its record is published; the domain's previous active key of the same
     * algorithm moves to retiring.
     *
     * @throws DkimKeyConflictException with the DNS check's reason when the record is not (correctly) published, or
     *                                  when the key is not pending
     */
    public DkimKey activate(String domain, String selector) {
        DkimKey key = require(domain, selector);
        if (key.state() != SelectorState.PENDING) {
            throw new DkimKeyConflictException("Selector " + key.selector() + " of " + key.domain() + " is "
                + key.state().label() + "; only a pending key can be activated", key);
        }
        DnsCheck check = dnsCheck.check(key);
        if (!check.published()) {
            DkimKey checked = recordCheck(key, check);
            throw new DkimKeyConflictException("Selector " + key.selector() + " of " + key.domain()
                + " stays pending: " + check.detail(), checked);
        }
        return promote(key, check);
    }

    private DkimKey promote(DkimKey pending, DnsCheck check) {
        Instant now = clock.instant();
        DkimKey active = pending.activatedAt(now, check);
        if (!store.replace(pending, active)) {
            DkimKey current = require(pending.domain(), pending.selector());
            if (current.state() == SelectorState.ACTIVE) {
                return current;
            }
            throw new DkimKeyConflictException("Selector " + pending.selector() + " of " + pending.domain()
                + " changed meanwhile; it is now " + current.state().label(), current);
        }
        events.accept(new DkimKeyEvent(active, "active: its TXT record is published (" + check.detail() + ")"));
        for (DkimKey previous : store.forDomain(pending.domain())) {
            if (previous.algorithm() == pending.algorithm() && previous.state() == SelectorState.ACTIVE
                && !previous.selector().equals(pending.selector())) {
                DkimKey retiring = previous.retiringAt(now);
                if (store.replace(previous, retiring)) {
                    events.accept(new DkimKeyEvent(retiring, "retiring: replaced by " + pending.selector()
                        + "; keep its TXT record until " + now.plus(overlap)));
                }
            }
        }
        return active;
    }

    /**
     * Creates the next pending key for every algorithm the domain signs with; each takes over once published.
     *
     * @throws DkimKeyConflictException when the domain has no active key (nothing to rotate) or already has a
     *                                  pending key waiting for DNS
     */
    public List<DkimKey> rotate(String domain) {
        String normalised = DkimNames.domain(domain);
        Set<DkimAlgorithm> signing = store.forDomain(normalised).stream()
            .filter(key -> key.state() == SelectorState.ACTIVE)
            .map(DkimKey::algorithm)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(DkimAlgorithm.class)));
        if (signing.isEmpty()) {
            throw new DkimKeyConflictException(normalised + " has no active key to rotate: generate keys with POST /dkim/domains/"
                + normalised + "/keys and publish them");
        }
        return generate(normalised, signing);
    }

    /** Deletes a key that never signed (pending) or whose overlap is over (retired). */
    public void delete(String domain, String selector) {
        DkimKey key = require(domain, selector);
        if (key.state() == SelectorState.ACTIVE || key.state() == SelectorState.RETIRING) {
            throw new DkimKeyConflictException("Selector " + key.selector() + " of " + key.domain() + " is "
                + key.state().label() + " and mail signed with it must still verify; only pending or retired keys "
                + "can be deleted (rotate first)", key);
        }
        if (!store.delete(key.domain(), key.selector(), key.state())) {
            throw new DkimKeyConflictException("Selector " + key.selector() + " of " + key.domain()
                + " changed meanwhile; read it again");
        }
        events.accept(new DkimKeyEvent(key, "deleted"));
    }

    /** Every domain that has keys, in alphabetical order. */
    public List<String> domains() {
        return store.inStates(EnumSet.allOf(SelectorState.class)).stream().map(DkimKey::domain).distinct().sorted().toList();
    }

    public List<DkimKey> keys(String domain) {
        return store.forDomain(DkimNames.domain(domain));
    }

    public DkimKey key(String domain, String selector) {
        return require(domain, selector);
    }

    /** The records the domain's zone must hold, and those it may drop. */
    public List<PublishedRecord> publication(String domain) {
        return keys(domain).stream()
            .sorted(Comparator.comparing((DkimKey key) -> key.state().ordinal()).thenComparing(DkimKey::created))
            .map(this::record)
            .toList();
    }

    private PublishedRecord record(DkimKey key) {
        String value = DkimPublicKeyRecord.renderTxt(key.algorithm(), publicKeyData(key));
        PublishedRecord.Action action = switch (key.state()) {
            case PENDING -> PublishedRecord.Action.PUBLISH;
            case ACTIVE, RETIRING -> PublishedRecord.Action.KEEP;
            case RETIRED -> PublishedRecord.Action.REMOVE;
        };
        return new PublishedRecord(key.selector(), key.algorithm().tag(), key.state(), key.dnsName(), value,
            DkimPublicKeyRecord.splitForDns(value), action, key.retiring().map(since -> since.plus(overlap)));
    }

    private static byte[] publicKeyData(DkimKey key) {
        return Base64.getDecoder().decode(key.publicKey());
    }

    /**
     * The periodic pass: checks DNS for every key that must be published, activates pending keys whose record has
     * appeared, and retires keys whose overlap is over. Safe to run on several nodes at once.
     */
    public void tick() {
        Instant now = clock.instant();
        for (DkimKey key : store.inStates(EnumSet.of(SelectorState.PENDING, SelectorState.ACTIVE, SelectorState.RETIRING))) {
            if (key.state() == SelectorState.RETIRING && !now.isBefore(key.retiring().orElse(now).plus(overlap))) {
                DkimKey retired = key.retiredAt(now);
                if (store.replace(key, retired)) {
                    events.accept(new DkimKeyEvent(retired, "retired: the overlap of " + overlap.toDays()
                        + " day(s) is over; its TXT record may be removed"));
                }
                continue;
            }
            DnsCheck check = dnsCheck.check(key);
            if (key.state() == SelectorState.PENDING && check.published()) {
                try {
                    promote(key, check);
                } catch (DkimKeyConflictException raced) {
                    // Another node moved it first; its state is already what the next pass expects.
                }
            } else {
                recordCheck(key, check);
            }
        }
    }

    /** The active keys of a domain, decrypted, for the signer. */
    public List<DkimSigningKey> signingKeys(String domain) {
        return store.forDomain(DkimNames.domain(domain)).stream()
            .filter(key -> key.state() == SelectorState.ACTIVE)
            .map(key -> new DkimSigningKey(key.domain(), key.selector(), key.algorithm(),
                KeyMaterial.privateKey(key.algorithm(), sealer.open(key.domain(), key.selector(), key.privateKey()))))
            .toList();
    }

    /** Opens every stored private key once: a key-encryption key that is not the one they were sealed with fails here. */
    public int verifySealing() {
        List<DkimKey> keys = store.inStates(EnumSet.allOf(SelectorState.class));
        keys.forEach(key -> sealer.open(key.domain(), key.selector(), key.privateKey()));
        return keys.size();
    }

    private DkimKey recordCheck(DkimKey key, DnsCheck check) {
        DkimKey checked = key.checked(check);
        if (store.replace(key, checked) && key.lastCheck().outcome() != check.outcome()) {
            events.accept(new DkimKeyEvent(checked, "DNS check: " + check.outcome().label() + ": " + check.detail()));
        }
        return checked;
    }

    private DkimKey require(String domain, String selector) {
        String normalisedDomain = DkimNames.domain(domain);
        String normalisedSelector = DkimNames.selector(selector);
        return store.find(normalisedDomain, normalisedSelector)
            .orElseThrow(() -> new DkimKeyNotFoundException(normalisedDomain, normalisedSelector));
    }

    private static List<DkimAlgorithm> sorted(Set<DkimAlgorithm> algorithms) {
        return algorithms.stream().sorted().toList();
    }
}
