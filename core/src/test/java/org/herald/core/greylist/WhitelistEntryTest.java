package org.herald.core.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class WhitelistEntryTest {

    @Test
    void valuesAreNormalised() {
        assertThat(WhitelistEntry.parse(WhitelistKind.NETWORK, " 2001:DB8::/32 ").value()).isEqualTo("2001:db8::/32");
        assertThat(WhitelistEntry.parse(WhitelistKind.RDNS_DOMAIN, "Google.COM.").value()).isEqualTo("google.com");
        assertThat(WhitelistEntry.parse(WhitelistKind.RDNS_DOMAIN, "*.google.com").value()).isEqualTo("google.com");
        assertThat(WhitelistEntry.parse(WhitelistKind.SENDER, "@Partner.Example").value()).isEqualTo("@partner.example");
        assertThat(WhitelistEntry.parse(WhitelistKind.SENDER, "Bounces@Partner.Example").value()).isEqualTo("bounces@partner.example");
        assertThat(WhitelistEntry.parse(WhitelistKind.RECIPIENT, "Postmaster@").value()).isEqualTo("postmaster@");
        assertThat(WhitelistEntry.parse(WhitelistKind.RECIPIENT, "@herald.example").value()).isEqualTo("@herald.example");
        assertThat(WhitelistEntry.parse(WhitelistKind.NETWORK, "192.0.2.0/24"))
            .isEqualTo(WhitelistEntry.parse(WhitelistKind.NETWORK, "192.0.2.0/24"));
    }

    @Test
    void mistakesSayWhatIsWrong() {
        assertThatThrownBy(() -> WhitelistEntry.parse(WhitelistKind.NETWORK, "10.0.0.0/33"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("10.0.0.0/33 is not a network: the prefix of an IPv4 network is 0-32");
        assertThatThrownBy(() -> WhitelistEntry.parse(WhitelistKind.RDNS_DOMAIN, "com")).hasMessageContaining("top-level domain");
        assertThatThrownBy(() -> WhitelistEntry.parse(WhitelistKind.RDNS_DOMAIN, "bad_domain!.com"))
            .hasMessageContaining("is not a domain name");
        assertThatThrownBy(() -> WhitelistEntry.parse(WhitelistKind.SENDER, "partner.example"))
            .hasMessageContaining("write a full address").hasMessageContaining("@partner.example");
        assertThatThrownBy(() -> WhitelistEntry.parse(WhitelistKind.SENDER, "postmaster@"))
            .hasMessageContaining("is not a domain name");
        assertThatThrownBy(() -> WhitelistEntry.parse(WhitelistKind.RECIPIENT, "@")).hasMessageContaining("localpart@");
        assertThatThrownBy(() -> WhitelistEntry.parse(WhitelistKind.RECIPIENT, "a@b@c")).hasMessageContaining("is not a recipient");
        assertThatThrownBy(() -> WhitelistEntry.parse(WhitelistKind.RECIPIENT, "  ")).hasMessageContaining("empty");
    }

    @Test
    void kindsHaveTheirRouteLabels() {
        assertThat(List.of(WhitelistKind.values())).extracting(WhitelistKind::pathLabel)
            .containsExactly("networks", "rdns-domains", "senders", "recipients");
        assertThat(WhitelistKind.fromPathLabel("rdns-domains")).contains(WhitelistKind.RDNS_DOMAIN);
        assertThat(WhitelistKind.fromPathLabel("domains")).isEmpty();
    }

    @Test
    void whitelistMatching() {
        Whitelist whitelist = new Whitelist(List.of(
            WhitelistEntry.parse(WhitelistKind.RECIPIENT, "postmaster@"),
            WhitelistEntry.parse(WhitelistKind.RECIPIENT, "sales@herald.example"),
            WhitelistEntry.parse(WhitelistKind.SENDER, "@partner.example"),
            WhitelistEntry.parse(WhitelistKind.RDNS_DOMAIN, "google.com"),
            WhitelistEntry.parse(WhitelistKind.NETWORK, "192.0.2.0/24")));

        assertThat(whitelist.recipient("postmaster@any.example")).isPresent();
        assertThat(whitelist.recipient("postmaster.x@any.example")).isEmpty();
        assertThat(whitelist.recipient("sales@herald.example")).isPresent();
        assertThat(whitelist.recipient("sales@other.example")).isEmpty();
        assertThat(whitelist.sender("a@partner.example")).isPresent();
        assertThat(whitelist.sender("a@mail.partner.example")).isPresent();
        assertThat(whitelist.sender("a@notpartner.example")).isEmpty();
        assertThat(whitelist.sender("<>")).isEmpty();
        assertThat(whitelist.rdnsDomain("google.com")).isPresent();
        assertThat(whitelist.rdnsDomain("Mail-X.Google.com.")).isPresent();
        assertThat(whitelist.rdnsDomain("evilgoogle.com")).isEmpty();
        assertThat(whitelist.rdnsDomain("google.com.evil.example")).isEmpty();
        assertThat(whitelist.network(Cidr.parseAddress("192.0.2.200"))).isPresent();
        assertThat(whitelist.network(Cidr.parseAddress("192.0.3.1"))).isEmpty();
        assertThat(whitelist.has(WhitelistKind.RDNS_DOMAIN)).isTrue();
        assertThat(Whitelist.EMPTY.has(WhitelistKind.RDNS_DOMAIN)).isFalse();
    }

    @Test
    void decisionsAndReasons() {
        assertThat(GreylistReason.WHITELISTED_RDNS.label()).isEqualTo("whitelisted-rdns");
        assertThat(GreylistReason.FIRST_SEEN.passes()).isFalse();
        assertThatThrownBy(() -> GreylistDecision.pass(GreylistReason.TOO_EARLY, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GreylistDecision.defer(GreylistReason.KNOWN_TRIPLET, java.time.Duration.ofSeconds(1), "x"))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
