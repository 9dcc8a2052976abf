package org.herald.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.herald.core.dmarc.DmarcTestMessages.dkim;
import static org.herald.core.dmarc.DmarcTestMessages.spf;

import java.util.List;
import java.util.Optional;

import org.herald.core.dkim.DkimResult;
import org.herald.core.greylist.Cidr;
import org.herald.core.spf.SpfResult;
import org.junit.jupiter.api.Test;

class DmarcOverridesTest {
    private final DmarcOverrides overrides = new DmarcOverrides(
        List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("2001:db8:1::/48")),
        List.of("Forwarder.Example."),
        List.of("Users.Lists.Example.org"));

    private static DmarcInput from(String client, List<org.herald.core.dkim.DkimVerification> dkim,
                                   Optional<org.herald.core.spf.SpfOutcome> spf, Optional<String> listId) {
        return new DmarcInput("example.com", spf.map(org.herald.core.spf.SpfOutcome::domain).orElse(""),
            Cidr.parseAddress(client), dkim, spf, listId);
    }

    @Test
    void aTrustedForwarderNetworkMatchesItsClients() {
        assertThat(overrides.match(from("192.0.2.99", List.of(), Optional.empty(), Optional.empty())))
            .contains(new DmarcOverrideReason(DmarcOverrideType.TRUSTED_FORWARDER,
                "client 192.0.2.99 in trusted forwarder network 192.0.2.0/24"));
        assertThat(overrides.match(from("2001:db8:1:2::5", List.of(), Optional.empty(), Optional.empty())))
            .map(DmarcOverrideReason::type).contains(DmarcOverrideType.TRUSTED_FORWARDER);
        assertThat(overrides.match(from("192.0.3.1", List.of(), Optional.empty(), Optional.empty()))).isEmpty();
    }

    @Test
    void aTrustedForwarderDomainMustBeAuthenticated() {
        assertThat(overrides.match(from("203.0.113.1", List.of(), Optional.of(spf("mx.forwarder.example", SpfResult.PASS)),
            Optional.empty())))
            .contains(new DmarcOverrideReason(DmarcOverrideType.TRUSTED_FORWARDER,
                "SPF pass for trusted forwarder domain forwarder.example"));
        assertThat(overrides.match(from("203.0.113.1", List.of(dkim("forwarder.example", DkimResult.PASS)),
            Optional.empty(), Optional.empty())))
            .contains(new DmarcOverrideReason(DmarcOverrideType.TRUSTED_FORWARDER,
                "DKIM pass for trusted forwarder domain forwarder.example"));

        assertThat(overrides.match(from("203.0.113.1", List.of(dkim("forwarder.example", DkimResult.FAIL)),
            Optional.of(spf("forwarder.example", SpfResult.SOFTFAIL)), Optional.empty()))).isEmpty();
        // a look-alike is not below the trusted domain
        assertThat(overrides.match(from("203.0.113.1", List.of(dkim("evilforwarder.example", DkimResult.PASS)),
            Optional.empty(), Optional.empty()))).isEmpty();
    }

    @Test
    void aMailingListIsKnownByItsListId() {
        assertThat(overrides.match(from("203.0.113.1", List.of(), Optional.empty(),
            Optional.of("\"Users\" <users.lists.example.ORG>"))))
            .contains(new DmarcOverrideReason(DmarcOverrideType.MAILING_LIST, "mailing list users.lists.example.org"));
        assertThat(overrides.match(from("203.0.113.1", List.of(), Optional.empty(), Optional.of("users.lists.example.org"))))
            .isPresent();
        assertThat(overrides.match(from("203.0.113.1", List.of(), Optional.empty(), Optional.of("<other.lists.example.org>"))))
            .isEmpty();
    }

    @Test
    void normalisesWhatItIsGiven() {
        assertThat(overrides.trustedForwarderDomains()).containsExactly("forwarder.example");
        assertThat(overrides.mailingListIds()).containsExactly("users.lists.example.org");
        assertThat(DmarcOverrides.NONE.isEmpty()).isTrue();
        assertThat(DmarcOverrides.NONE.match(from("192.0.2.1", List.of(dkim("forwarder.example", DkimResult.PASS)),
            Optional.empty(), Optional.of("users.lists.example.org")))).isEmpty();
        assertThatThrownBy(() -> new DmarcOverrides(List.of(), List.of(), List.of("<>")))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
