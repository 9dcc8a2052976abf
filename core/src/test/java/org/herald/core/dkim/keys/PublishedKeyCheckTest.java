package org.herald.core.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import org.herald.core.dkim.DkimAlgorithm;
import org.herald.core.dkim.DkimPublicKeyRecord;
import org.herald.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

class PublishedKeyCheckTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ZoneFake zone = new ZoneFake();
    private final PublishedKeyCheck check = new PublishedKeyCheck(zone, clock);

    private static DkimKey key(DkimAlgorithm algorithm) {
        KeyMaterial material = KeyMaterial.generate(algorithm, RANDOM);
        return DkimKey.pending("example.test", "s1", algorithm, material.publicKey(), new SealedPrivateKey(new byte[]{1}),
            DkimKey.GENERATED, Instant.EPOCH);
    }

    private static String recordOf(DkimKey key) {
        return DkimPublicKeyRecord.renderTxt(key.algorithm(), java.util.Base64.getDecoder().decode(key.publicKey()));
    }

    @Test
    void theRecordAsHeraldPrintsItPasses() {
        DkimKey rsa = key(DkimAlgorithm.RSA_SHA256);
        zone.publish(rsa.dnsName(), DkimPublicKeyRecord.splitForDns(recordOf(rsa)).toArray(String[]::new));

        DnsCheck result = check.check(rsa);

        assertThat(result.outcome()).isEqualTo(DnsCheckOutcome.PUBLISHED);
        assertThat(result.checkedAt()).contains(clock.instant());
    }

    @Test
    void anotherKeyIsAWrongKey() {
        DkimKey mine = key(DkimAlgorithm.ED25519_SHA256);
        zone.publish(mine.dnsName(), recordOf(key(DkimAlgorithm.ED25519_SHA256)));

        DnsCheck result = check.check(mine);

        assertThat(result.outcome()).isEqualTo(DnsCheckOutcome.WRONG_KEY);
        assertThat(result.detail()).contains("is another key");
    }

    @Test
    void aRecordWithoutKOrWithTheOtherTypeIsAKeyTypeMismatch() {
        DkimKey ed = key(DkimAlgorithm.ED25519_SHA256);
        zone.publish(ed.dnsName(), "v=DKIM1; p=" + ed.publicKey());

        DnsCheck result = check.check(ed);

        assertThat(result.outcome()).isEqualTo(DnsCheckOutcome.KEY_TYPE_MISMATCH);
        assertThat(result.detail()).contains("no k= (which means k=rsa)").contains("publish k=ed25519");
    }

    @Test
    void aKeySpreadOverSeparateRecordsIsSplitBadly() {
        DkimKey rsa = key(DkimAlgorithm.RSA_SHA256);
        List<String> parts = DkimPublicKeyRecord.splitForDns(recordOf(rsa));
        parts.forEach(part -> zone.publish(rsa.dnsName(), part));

        DnsCheck result = check.check(rsa);

        assertThat(result.outcome()).isEqualTo(DnsCheckOutcome.SPLIT_BADLY);
        assertThat(result.detail()).contains("separate TXT records").contains("ONE record");
    }

    @Test
    void aKeyCutShortIsSplitBadly() {
        DkimKey rsa = key(DkimAlgorithm.RSA_SHA256);
        zone.publish(rsa.dnsName(), DkimPublicKeyRecord.splitForDns(recordOf(rsa)).get(0));

        DnsCheck result = check.check(rsa);

        assertThat(result.outcome()).isEqualTo(DnsCheckOutcome.SPLIT_BADLY);
        assertThat(result.detail()).contains("holds only the first");
    }

    @Test
    void quotesPastedIntoTheValueAreSplitBadly() {
        DkimKey rsa = key(DkimAlgorithm.RSA_SHA256);
        List<String> parts = DkimPublicKeyRecord.splitForDns(recordOf(rsa));
        zone.publish(rsa.dnsName(), String.join("\" \"", parts));

        DnsCheck result = check.check(rsa);

        assertThat(result.outcome()).isEqualTo(DnsCheckOutcome.SPLIT_BADLY);
        assertThat(result.detail()).contains("quote characters");
    }

    @Test
    void twoKeyRecordsAtOneNameAreInvalid() {
        DkimKey ed = key(DkimAlgorithm.ED25519_SHA256);
        zone.publish(ed.dnsName(), recordOf(ed));
        zone.publish(ed.dnsName(), recordOf(key(DkimAlgorithm.ED25519_SHA256)));

        assertThat(check.check(ed).outcome()).isEqualTo(DnsCheckOutcome.INVALID_RECORD);
    }

    @Test
    void aRevokedOrMalformedRecordSaysSo() {
        DkimKey ed = key(DkimAlgorithm.ED25519_SHA256);
        zone.publish(ed.dnsName(), "v=DKIM1; k=ed25519; p=");
        assertThat(check.check(ed).detail()).contains("revoked");

        zone.clear(ed.dnsName());
        zone.publish(ed.dnsName(), "v=DKIM1; k=ed25519; p=!!!notbase64");
        assertThat(check.check(ed).outcome()).isEqualTo(DnsCheckOutcome.INVALID_RECORD);

        zone.clear(ed.dnsName());
        zone.publish(ed.dnsName(), "google-site-verification=abc");
        assertThat(check.check(ed).outcome()).isEqualTo(DnsCheckOutcome.INVALID_RECORD);
    }

    @Test
    void anUnrelatedRecordBesideTheKeyDoesNotHideIt() {
        DkimKey ed = key(DkimAlgorithm.ED25519_SHA256);
        zone.publish(ed.dnsName(), "some-verification=abc");
        zone.publish(ed.dnsName(), recordOf(ed));

        assertThat(check.check(ed).outcome()).isEqualTo(DnsCheckOutcome.PUBLISHED);
    }
}
