package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.herald.core.dkim.DkimAlgorithm;
import org.herald.core.dkim.keys.DkimKey;
import org.herald.core.dkim.keys.DnsCheck;
import org.herald.core.dkim.keys.DnsCheckOutcome;
import org.herald.core.dkim.keys.SealedPrivateKey;
import org.herald.core.dkim.keys.SelectorState;
import org.herald.core.store.DkimKeyStore;
import org.junit.jupiter.api.Test;

/** What every {@link DkimKeyStore} backend must do; implemented once per backend with an empty store per test. */
public interface DkimKeyStoreContract {
    Instant T0 = Instant.parse("2026-11-01T08:00:00.123456Z");
    Instant T1 = Instant.parse("2026-11-02T09:30:00.654321Z");

    DkimKeyStore keys();

    static DkimKey pending(String domain, String selector, DkimAlgorithm algorithm, Instant created) {
        return DkimKey.pending(domain, selector, algorithm, "cHVibGlj" + selector, new SealedPrivateKey(new byte[]{1, 2, 3, (byte) 0xff}),
            DkimKey.GENERATED, created);
    }

    @Test
    default void anEmptyStoreHasNoKeys() {
        assertThat(keys().forDomain("example.com")).isEmpty();
        assertThat(keys().find("example.com", "s1")).isEmpty();
        assertThat(keys().inStates(EnumSet.allOf(SelectorState.class))).isEmpty();
    }

    @Test
    default void aKeyReadsBackExactlyAsWritten() {
        DkimKey key = pending("example.com", "h202611r", DkimAlgorithm.RSA_SHA256, T0)
            .checked(DnsCheck.at(T1, DnsCheckOutcome.WRONG_KEY, "p= is another key"));

        keys().insert(key);

        assertThat(keys().find("example.com", "h202611r")).contains(key);
        assertThat(keys().forDomain("example.com")).containsExactly(key);
        assertThat(keys().find("example.com", "h202611r").orElseThrow().privateKey().bytes()).containsExactly(1, 2, 3, 0xff);
    }

    @Test
    default void aSelectorIsUniquePerDomainButNotAcrossDomains() {
        keys().insert(pending("example.com", "s1", DkimAlgorithm.RSA_SHA256, T0));
        keys().insert(pending("example.org", "s1", DkimAlgorithm.RSA_SHA256, T0));

        assertThatThrownBy(() -> keys().insert(pending("example.com", "s1", DkimAlgorithm.ED25519_SHA256, T1)))
            .isInstanceOf(DkimKeyStore.DuplicateSelectorException.class).hasMessageContaining("s1");
        assertThat(keys().forDomain("example.com")).hasSize(1);
    }

    @Test
    default void keysOfADomainComeOldestFirst() {
        keys().insert(pending("example.com", "b", DkimAlgorithm.RSA_SHA256, T1));
        keys().insert(pending("example.com", "a", DkimAlgorithm.RSA_SHA256, T1));
        keys().insert(pending("example.com", "c", DkimAlgorithm.ED25519_SHA256, T0));

        assertThat(keys().forDomain("example.com")).extracting(DkimKey::selector).containsExactly("c", "a", "b");
    }

    @Test
    default void replaceMovesAKeyOnlyFromTheExpectedState() {
        DkimKey pending = pending("example.com", "s1", DkimAlgorithm.ED25519_SHA256, T0);
        keys().insert(pending);
        DkimKey active = pending.activatedAt(T1, DnsCheck.at(T1, DnsCheckOutcome.PUBLISHED, "match"));

        assertThat(keys().replace(pending, active)).isTrue();
        assertThat(keys().find("example.com", "s1")).contains(active);
        // A second node still holding the pending copy loses the race.
        assertThat(keys().replace(pending, active.retiringAt(T1))).isFalse();
        assertThat(keys().find("example.com", "s1").orElseThrow().state()).isEqualTo(SelectorState.ACTIVE);
        DkimKey neverStored = pending("example.com", "gone", DkimAlgorithm.RSA_SHA256, T0);
        assertThat(keys().replace(neverStored, neverStored.activatedAt(T1, DnsCheck.NOT_CHECKED))).isFalse();
        assertThat(keys().find("example.com", "gone")).isEmpty();
    }

    @Test
    default void inStatesFindsKeysOfEveryDomain() {
        DkimKey a = pending("a.example", "s1", DkimAlgorithm.RSA_SHA256, T0);
        DkimKey b = pending("b.example", "s1", DkimAlgorithm.RSA_SHA256, T0);
        keys().insert(b);
        keys().insert(a);
        DkimKey activeB = b.activatedAt(T1, DnsCheck.at(T1, DnsCheckOutcome.PUBLISHED, "match"));
        keys().replace(b, activeB);

        assertThat(keys().inStates(Set.of(SelectorState.PENDING))).containsExactly(a);
        assertThat(keys().inStates(EnumSet.of(SelectorState.PENDING, SelectorState.ACTIVE))).containsExactly(a, activeB);
        assertThat(keys().inStates(Set.of())).isEmpty();
    }

    @Test
    default void deleteRemovesOnlyAKeyInTheExpectedState() {
        DkimKey pending = pending("example.com", "s1", DkimAlgorithm.RSA_SHA256, T0);
        keys().insert(pending);

        assertThat(keys().delete("example.com", "s1", SelectorState.ACTIVE)).isFalse();
        assertThat(keys().find("example.com", "s1")).isPresent();
        assertThat(keys().delete("example.com", "s1", SelectorState.PENDING)).isTrue();
        assertThat(keys().find("example.com", "s1")).isEqualTo(Optional.empty());
        assertThat(keys().delete("example.com", "s1", SelectorState.PENDING)).isFalse();
    }
}
