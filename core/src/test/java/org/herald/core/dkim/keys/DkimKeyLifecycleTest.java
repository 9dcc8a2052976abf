package org.herald.core.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.herald.core.dkim.DkimAlgorithm;
import org.herald.core.dkim.DkimSigningKey;
import org.herald.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DkimKeyLifecycleTest {
    private static final String DOMAIN = "example.test";
    private static final Set<DkimAlgorithm> BOTH = EnumSet.allOf(DkimAlgorithm.class);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final InMemoryDkimKeyStore store = new InMemoryDkimKeyStore();
    private final ZoneFake zone = new ZoneFake();
    private final List<String> events = new ArrayList<>();
    private DkimKeyLifecycle lifecycle;

    @BeforeEach
    void setUp() {
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        lifecycle = new DkimKeyLifecycle(store, new PublishedKeyCheck(zone, clock), new PrivateKeySealer(kek),
            new SelectorNaming(SelectorNaming.DEFAULT_PATTERN), Duration.ofDays(7), clock, new SecureRandom(),
            event -> events.add(event.key().selector() + " " + event.what()));
    }

    private void publish(DkimKey key) {
        PublishedRecord record = lifecycle.publication(key.domain()).stream()
            .filter(candidate -> candidate.selector().equals(key.selector())).findFirst().orElseThrow();
        zone.publish(record.name(), record.strings().toArray(String[]::new));
    }

    @Test
    void generatesOnePendingKeyPerAlgorithmWithDatedSelectorsThatSignNothing() {
        List<DkimKey> keys = lifecycle.generate("Example.TEST.", BOTH);

        assertThat(keys).extracting(DkimKey::selector).containsExactly("h202611r", "h202611e");
        assertThat(keys).allSatisfy(key -> {
            assertThat(key.domain()).isEqualTo(DOMAIN);
            assertThat(key.state()).isEqualTo(SelectorState.PENDING);
            assertThat(key.lastCheck().outcome()).isEqualTo(DnsCheckOutcome.NO_RECORD);
        });
        assertThat(lifecycle.signingKeys(DOMAIN)).isEmpty();
        assertThat(store.forDomain(DOMAIN)).hasSize(2);
    }

    @Test
    void theGeneratedPrivateKeysMatchThePublishedPublicKeys() throws Exception {
        lifecycle.generate(DOMAIN, BOTH).forEach(this::publish);
        lifecycle.tick();

        byte[] data = "signed data".getBytes(StandardCharsets.US_ASCII);
        List<DkimSigningKey> signing = lifecycle.signingKeys(DOMAIN);
        assertThat(signing).extracting(DkimSigningKey::algorithm).containsExactlyInAnyOrder(DkimAlgorithm.values());
        for (DkimSigningKey key : signing) {
            String p = store.find(DOMAIN, key.selector()).orElseThrow().publicKey();
            if (key.algorithm() == DkimAlgorithm.RSA_SHA256) {
                Signature signer = Signature.getInstance("SHA256withRSA");
                signer.initSign(key.privateKey());
                signer.update(data);
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(p))));
                verifier.update(data);
                assertThat(verifier.verify(signer.sign())).isTrue();
            } else {
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, new Ed25519PrivateKeyParameters(key.ed25519Seed(), 0));
                signer.update(data, 0, data.length);
                byte[] signature = signer.generateSignature();
                Ed25519Signer verifier = new Ed25519Signer();
                verifier.init(false, new Ed25519PublicKeyParameters(Base64.getDecoder().decode(p), 0));
                verifier.update(data, 0, data.length);
                assertThat(verifier.verifySignature(signature)).isTrue();
            }
        }
    }

    @Test
    void activationWithoutARecordIsRefusedWithTheReasonAndTheKeyStaysPending() {
        DkimKey rsa = lifecycle.generate(DOMAIN, Set.of(DkimAlgorithm.RSA_SHA256)).get(0);

        assertThatThrownBy(() -> lifecycle.activate(DOMAIN, rsa.selector()))
            .isInstanceOf(DkimKeyConflictException.class)
            .hasMessageContaining("stays pending")
            .hasMessageContaining("no TXT record at h202611r._domainkey.example.test");
        assertThat(lifecycle.key(DOMAIN, rsa.selector()).state()).isEqualTo(SelectorState.PENDING);
        assertThat(lifecycle.signingKeys(DOMAIN)).isEmpty();
    }

    @Test
    void activatesOnceTheRecordIsPublishedAndSignsWithIt() {
        DkimKey rsa = lifecycle.generate(DOMAIN, Set.of(DkimAlgorithm.RSA_SHA256)).get(0);
        publish(rsa);

        DkimKey active = lifecycle.activate(DOMAIN, rsa.selector());

        assertThat(active.state()).isEqualTo(SelectorState.ACTIVE);
        assertThat(active.activated()).contains(clock.instant());
        assertThat(active.lastCheck().outcome()).isEqualTo(DnsCheckOutcome.PUBLISHED);
        assertThat(lifecycle.signingKeys(DOMAIN)).extracting(DkimSigningKey::selector).containsExactly("h202611r");
        assertThatThrownBy(() -> lifecycle.activate(DOMAIN, rsa.selector()))
            .isInstanceOf(DkimKeyConflictException.class).hasMessageContaining("only a pending key");
    }

    @Test
    void theRsaRecordIsSplitIntoStringsOfAtMost255Characters() {
        DkimKey rsa = lifecycle.generate(DOMAIN, Set.of(DkimAlgorithm.RSA_SHA256)).get(0);

        PublishedRecord record = lifecycle.publication(DOMAIN).get(0);
        assertThat(record.name()).isEqualTo("h202611r._domainkey.example.test");
        assertThat(record.value()).isEqualTo("v=DKIM1; k=rsa; p=" + rsa.publicKey());
        assertThat(record.strings()).hasSizeGreaterThan(1).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", record.strings())).isEqualTo(record.value());
        assertThat(record.action()).isEqualTo(PublishedRecord.Action.PUBLISH);
    }

    @Test
    void theTickActivatesPendingKeysOnceTheirRecordAppears() {
        List<DkimKey> keys = lifecycle.generate(DOMAIN, BOTH);
        lifecycle.tick();
        assertThat(lifecycle.signingKeys(DOMAIN)).isEmpty();

        keys.forEach(this::publish);
        lifecycle.tick();

        assertThat(lifecycle.keys(DOMAIN)).extracting(DkimKey::state).containsOnly(SelectorState.ACTIVE);
        assertThat(lifecycle.signingKeys(DOMAIN)).hasSize(2);
    }

    @Test
    void aDnsFailureIsReportedAsSuchAndActivatesNothing() {
        DkimKey ed = lifecycle.generate(DOMAIN, Set.of(DkimAlgorithm.ED25519_SHA256)).get(0);
        publish(ed);
        zone.failing(true);

        assertThatThrownBy(() -> lifecycle.activate(DOMAIN, ed.selector())).hasMessageContaining("DNS gave no answer");
        lifecycle.tick();

        DkimKey stored = lifecycle.key(DOMAIN, ed.selector());
        assertThat(stored.state()).isEqualTo(SelectorState.PENDING);
        assertThat(stored.lastCheck().outcome()).isEqualTo(DnsCheckOutcome.LOOKUP_FAILED);
    }

    @Test
    void rotationKeepsTheOldKeySigningUntilTheNewOneIsPublishedThenRetiresItAfterTheOverlap() {
        lifecycle.generate(DOMAIN, BOTH).forEach(this::publish);
        lifecycle.tick();
        clock.advance(Duration.ofDays(40));

        List<DkimKey> next = lifecycle.rotate(DOMAIN);
        assertThat(next).extracting(DkimKey::selector).containsExactly("h202701r", "h202701e");
        assertThat(lifecycle.signingKeys(DOMAIN)).extracting(DkimSigningKey::selector).containsExactlyInAnyOrder("h202611r", "h202611e");

        next.forEach(this::publish);
        lifecycle.tick();
        assertThat(lifecycle.signingKeys(DOMAIN)).extracting(DkimSigningKey::selector).containsExactlyInAnyOrder("h202701r", "h202701e");
        assertThat(lifecycle.key(DOMAIN, "h202611r").state()).isEqualTo(SelectorState.RETIRING);
        PublishedRecord retiring = lifecycle.publication(DOMAIN).stream().filter(r -> r.selector().equals("h202611r")).findFirst().orElseThrow();
        assertThat(retiring.action()).isEqualTo(PublishedRecord.Action.KEEP);
        assertThat(retiring.keepUntil()).contains(clock.instant().plus(Duration.ofDays(7)));

        clock.advance(Duration.ofDays(7).minusSeconds(1));
        lifecycle.tick();
        assertThat(lifecycle.key(DOMAIN, "h202611r").state()).isEqualTo(SelectorState.RETIRING);

        clock.advance(Duration.ofSeconds(1));
        lifecycle.tick();
        assertThat(lifecycle.key(DOMAIN, "h202611r").state()).isEqualTo(SelectorState.RETIRED);
        assertThat(lifecycle.publication(DOMAIN)).filteredOn(r -> r.state() == SelectorState.RETIRED)
            .extracting(PublishedRecord::action).containsOnly(PublishedRecord.Action.REMOVE);
        assertThat(events).anyMatch(event -> event.startsWith("h202611r retired"));
    }

    @Test
    void aSecondRotationInTheSameMonthGetsACounter() {
        lifecycle.generate(DOMAIN, Set.of(DkimAlgorithm.RSA_SHA256)).forEach(this::publish);
        lifecycle.tick();
        DkimKey second = lifecycle.rotate(DOMAIN).get(0);

        assertThat(second.selector()).isEqualTo("h202611r2");
    }

    @Test
    void rotatingADomainWithoutActiveKeysOrWithAKeyStillPendingIsAConflict() {
        assertThatThrownBy(() -> lifecycle.rotate(DOMAIN)).isInstanceOf(DkimKeyConflictException.class)
            .hasMessageContaining("no active key to rotate");
        lifecycle.generate(DOMAIN, Set.of(DkimAlgorithm.RSA_SHA256)).forEach(this::publish);
        lifecycle.tick();
        lifecycle.rotate(DOMAIN);

        assertThatThrownBy(() -> lifecycle.rotate(DOMAIN)).isInstanceOf(DkimKeyConflictException.class)
            .hasMessageContaining("already has a pending rsa-sha256 key (h202611r2)");
    }

    @Test
    void onlyPendingAndRetiredKeysCanBeDeleted() {
        DkimKey rsa = lifecycle.generate(DOMAIN, Set.of(DkimAlgorithm.RSA_SHA256)).get(0);
        DkimKey ed = lifecycle.generate(DOMAIN, Set.of(DkimAlgorithm.ED25519_SHA256)).get(0);
        publish(rsa);
        lifecycle.activate(DOMAIN, rsa.selector());

        assertThatThrownBy(() -> lifecycle.delete(DOMAIN, rsa.selector())).isInstanceOf(DkimKeyConflictException.class)
            .hasMessageContaining("is active");
        lifecycle.delete(DOMAIN, ed.selector());

        assertThat(lifecycle.keys(DOMAIN)).extracting(DkimKey::selector).containsExactly(rsa.selector());
        assertThatThrownBy(() -> lifecycle.delete(DOMAIN, ed.selector())).isInstanceOf(DkimKeyNotFoundException.class);
    }

    @Test
    void badNamesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> lifecycle.generate("localhost", BOTH)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is not a domain name");
        assertThatThrownBy(() -> lifecycle.generate("exa mple.com", BOTH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lifecycle.key(DOMAIN, "bad selector!")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is not a DKIM selector");
    }

    @Test
    void aKeyActivatedElsewhereInTheMeantimeIsNotActivatedTwice() {
        DkimKey rsa = lifecycle.generate(DOMAIN, Set.of(DkimAlgorithm.RSA_SHA256)).get(0);
        publish(rsa);
        DkimKey pending = lifecycle.key(DOMAIN, rsa.selector());
        store.replace(pending, pending.activatedAt(clock.instant(), pending.lastCheck()));

        assertThatThrownBy(() -> lifecycle.activate(DOMAIN, rsa.selector())).isInstanceOf(DkimKeyConflictException.class);
        lifecycle.tick();
        assertThat(lifecycle.signingKeys(DOMAIN)).hasSize(1);
    }
}
