package org.herald.core.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    private static InetAddress address(String text) {
        return Cidr.parseAddress(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "192.0.2.0/24, 192.0.2.0/24",
        "192.0.2.1, 192.0.2.1/32",
        "0.0.0.0/0, 0.0.0.0/0",
        "2001:DB8:1:0::/64, 2001:db8:1::/64",
        "2001:db8::1, 2001:db8::1/128",
        "::/0, ::/0",
        "2001:db8:0:1:0:0:0:0/64, 2001:db8:0:1::/64",
        "2001:0:0:1::/64, 2001:0:0:1::/64",
        "fe80::/10, fe80::/10",
    })
    void parsesToCanonicalForm(String text, String canonical) {
        assertThat(Cidr.parse(text).toString()).isEqualTo(canonical);
    }

    @Test
    void containsMatchesThePrefixBitsOnly() {
        Cidr v4 = Cidr.parse("10.1.128.0/17");
        assertThat(v4.contains(address("10.1.128.0"))).isTrue();
        assertThat(v4.contains(address("10.1.255.255"))).isTrue();
        assertThat(v4.contains(address("10.1.127.255"))).isFalse();
        assertThat(v4.contains(address("2001:db8::1"))).isFalse();

        Cidr v6 = Cidr.parse("2001:db8:abcd:8000::/49");
        assertThat(v6.contains(address("2001:db8:abcd:ffff::1"))).isTrue();
        assertThat(v6.contains(address("2001:db8:abcd:7fff::1"))).isFalse();
        assertThat(v6.contains(address("10.1.128.1"))).isFalse();

        assertThat(Cidr.parse("0.0.0.0/0").contains(address("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("192.0.2.7/32").contains(address("192.0.2.7"))).isTrue();
        assertThat(Cidr.parse("192.0.2.7/32").contains(address("192.0.2.8"))).isFalse();
    }

    @Test
    void ofMasksAnAddressToItsNetwork() {
        assertThat(Cidr.of(address("192.0.2.77"), 24).toString()).isEqualTo("192.0.2.0/24");
        assertThat(Cidr.of(address("192.0.2.77"), 30).toString()).isEqualTo("192.0.2.76/30");
        assertThat(Cidr.of(address("2001:db8:1:2:3:4:5:6"), 64).toString()).isEqualTo("2001:db8:1:2::/64");
        assertThat(Cidr.of(address("2001:db8:1:2:3:4:5:6"), 56).toString()).isEqualTo("2001:db8:1::/56");
    }

    @Test
    void mistakesSayWhatIsWrong() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
            .hasMessage("10.0.0.0/33 is not a network: the prefix of an IPv4 network is 0-32");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::/129"))
            .hasMessage("2001:db8::/129 is not a network: the prefix of an IPv6 network is 0-128");
        assertThatThrownBy(() -> Cidr.parse("192.0.2.1/24"))
            .hasMessageContaining("bits after the first 24 are set").hasMessageContaining("did you mean 192.0.2.0/24");
        assertThatThrownBy(() -> Cidr.parse("192.0.2.256/32")).hasMessageContaining("256 is above 255");
        assertThatThrownBy(() -> Cidr.parse("192.0.2/24")).hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> Cidr.parse("mail.example.com")).hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> Cidr.parse("2001:db8:::1/64")).hasMessageContaining("is not an IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/-1")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).hasMessageContaining("prefix");
    }

    @Test
    void networksEqualByValue() {
        assertThat(Cidr.parse("2001:DB8::/32")).isEqualTo(Cidr.parse("2001:db8:0::/32")).hasSameHashCodeAs(Cidr.parse("2001:db8::/32"));
        assertThat(Cidr.parse("192.0.2.0/24")).isNotEqualTo(Cidr.parse("192.0.2.0/25"));
    }
}
