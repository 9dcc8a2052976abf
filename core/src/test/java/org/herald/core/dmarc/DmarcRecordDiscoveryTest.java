package org.herald.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.herald.core.dns.TxtAnswer;
import org.herald.core.dns.TxtLookup;
import org.herald.core.dns.TxtRecord;
import org.junit.jupiter.api.Test;

class DmarcRecordDiscoveryTest {
    private final FakeTxtLookup dns = new FakeTxtLookup();
    private final DmarcRecordDiscovery discovery = new DmarcRecordDiscovery(dns);

    @Test
    void findsTheRecordOfTheFromDomainItself() {
        dns.records("_dmarc.example.com", "v=spf1 -all", "v=DMARC1; p=reject; sp=none");

        DmarcPolicyLookup lookup = discovery.discover("Example.COM");

        assertThat(lookup).isInstanceOf(DmarcPolicyLookup.Found.class);
        DmarcPolicyLookup.Found found = (DmarcPolicyLookup.Found) lookup;
        assertThat(found.policyDomain()).isEqualTo("example.com");
        assertThat(found.fromOrgDomain()).isEqualTo("example.com");
        assertThat(found.inherited()).isFalse();
        assertThat(found.requestedPolicy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(dns.asked()).containsExactly("_dmarc.example.com");
    }

    @Test
    void aSubdomainWithItsOwnRecordUsesItsP() {
        dns.records("_dmarc.news.example.com", "v=DMARC1; p=quarantine")
            .records("_dmarc.example.com", "v=DMARC1; p=reject");

        DmarcPolicyLookup.Found found = (DmarcPolicyLookup.Found) discovery.discover("news.example.com");

        assertThat(found.policyDomain()).isEqualTo("news.example.com");
        assertThat(found.fromOrgDomain()).isEqualTo("example.com");
        assertThat(found.inherited()).isFalse();
        assertThat(found.requestedPolicy()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(dns.asked()).containsExactly("_dmarc.news.example.com");
    }

    @Test
    void fallsBackToTheOrganisationalDomainWhoseSpApplies() {
        dns.records("_dmarc.news.example.co.uk", "some-verification=token")
            .records("_dmarc.example.co.uk", "v=DMARC1; p=reject; sp=quarantine");

        DmarcPolicyLookup.Found found = (DmarcPolicyLookup.Found) discovery.discover("mail.news.example.co.uk");

        assertThat(dns.asked()).containsExactly("_dmarc.mail.news.example.co.uk", "_dmarc.example.co.uk");
        assertThat(found.policyDomain()).isEqualTo("example.co.uk");
        assertThat(found.fromOrgDomain()).isEqualTo("example.co.uk");
        assertThat(found.inherited()).isTrue();
        assertThat(found.requestedPolicy()).isEqualTo(DmarcPolicy.QUARANTINE);
    }

    @Test
    void anInheritedRecordWithoutSpAppliesP() {
        dns.records("_dmarc.example.com", "v=DMARC1; p=reject");

        DmarcPolicyLookup.Found found = (DmarcPolicyLookup.Found) discovery.discover("news.example.com");

        assertThat(found.inherited()).isTrue();
        assertThat(found.requestedPolicy()).isEqualTo(DmarcPolicy.REJECT);
    }

    @Test
    void noRecordAnywhereIsNone() {
        assertThat(discovery.discover("news.example.com"))
            .isEqualTo(new DmarcPolicyLookup.None("no DMARC record at _dmarc.news.example.com nor at _dmarc.example.com"));
        assertThat(discovery.discover("example.org"))
            .isEqualTo(new DmarcPolicyLookup.None("no DMARC record at _dmarc.example.org"));
        assertThat(dns.asked()).containsExactly("_dmarc.news.example.com", "_dmarc.example.com", "_dmarc.example.org");
    }

    @Test
    void severalDmarcRecordsMeanNoPolicyAndNoFallback() {
        dns.records("_dmarc.news.example.com", "v=DMARC1; p=none", "v=DMARC1; p=reject")
            .records("_dmarc.example.com", "v=DMARC1; p=reject");

        DmarcPolicyLookup lookup = discovery.discover("news.example.com");

        assertThat(lookup).isInstanceOf(DmarcPolicyLookup.None.class);
        assertThat(((DmarcPolicyLookup.None) lookup).detail()).contains("_dmarc.news.example.com publishes 2 v=DMARC1 records");
        assertThat(dns.asked()).containsExactly("_dmarc.news.example.com");
    }

    @Test
    void severalRecordsAtTheOrganisationalDomainToo() {
        dns.records("_dmarc.example.com", "v=DMARC1; p=none", "v=DMARC1; p=reject");

        assertThat(discovery.discover("news.example.com")).isInstanceOf(DmarcPolicyLookup.None.class);
    }

    @Test
    void aDnsFailureIsATemporaryErrorNeverNoRecord() {
        dns.failure("_dmarc.news.example.com");
        DmarcPolicyLookup first = discovery.discover("news.example.com");
        assertThat(first).isInstanceOf(DmarcPolicyLookup.TempError.class);
        assertThat(((DmarcPolicyLookup.TempError) first).detail())
            .isEqualTo("DNS lookup of _dmarc.news.example.com failed: SERVFAIL from 127.0.0.1");

        dns.failure("_dmarc.example.org");
        assertThat(discovery.discover("mail.example.org")).isInstanceOf(DmarcPolicyLookup.TempError.class);
        assertThat(dns.asked()).containsExactly("_dmarc.news.example.com", "_dmarc.mail.example.org", "_dmarc.example.org");
    }

    @Test
    void aBrokenRecordIsAPermanentErrorNamingTheDomainAndReason() {
        dns.records("_dmarc.example.com", "v=DMARC1; p=reject; pct=150");

        DmarcPolicyLookup lookup = discovery.discover("news.example.com");

        assertThat(lookup).isEqualTo(new DmarcPolicyLookup.PermError("the DMARC record at _dmarc.example.com is broken: "
            + "pct=150 is not a percentage: write a whole number from 0 to 100"));
    }

    @Test
    void aRecordSplitIntoSeveralStringsIsJoined() {
        TxtLookup twoStrings = name -> name.equals("_dmarc.example.com")
            ? new TxtAnswer.Records(List.of(TxtRecord.of("v=DMARC1; p=rej", "ect; rua=mailto:d@example.com")))
            : new TxtAnswer.NoRecord(name, "NXDOMAIN");

        DmarcPolicyLookup.Found found = (DmarcPolicyLookup.Found) new DmarcRecordDiscovery(twoStrings).discover("example.com");

        assertThat(found.record().p()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(found.record().rua()).hasSize(1);
    }

    @Test
    void internationalisedFromDomainsAreLookedUpInPunycode() {
        dns.records("_dmarc.xn--bcher-kva.example", "v=DMARC1; p=reject");

        DmarcPolicyLookup.Found found = (DmarcPolicyLookup.Found) discovery.discover("bücher.example");

        assertThat(found.policyDomain()).isEqualTo("xn--bcher-kva.example");
    }
}
