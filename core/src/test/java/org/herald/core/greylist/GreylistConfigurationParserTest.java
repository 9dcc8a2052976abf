package org.herald.core.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.herald.core.breaker.BreakerSettings;
import org.herald.core.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreylistConfigurationParserTest {
    private final GreylistConfigurationParser parser = new GreylistConfigurationParser();

    @Test
    void anAbsentFileOrAnEmptyElementMeansTheDefaults(@TempDir Path conf) {
        assertThat(parser.parse(conf)).isEqualTo(GreylistConfiguration.DEFAULT);
        assertThat(parser.parse("<greylist/>")).isEqualTo(GreylistConfiguration.DEFAULT);
        assertThat(GreylistConfiguration.DEFAULT.whitelist()).extracting(WhitelistEntry::value).containsExactly("postmaster@", "abuse@");
        assertThat(GreylistConfiguration.DEFAULT.breaker()).isEqualTo(new BreakerSettings(5, 50, 20, 10, Duration.ofSeconds(30)));
        assertThat(GreylistConfiguration.DEFAULT.decisionDeadline()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void readsEveryAttributeAndElement() {
        GreylistConfiguration configuration = parser.parse("""
            <greylist enabled="false" delay="5m" retryWindow="12h" recordLifetime="60d" ipv4Prefix="28" ipv6Prefix="56"
                      autoWhitelistAfter="0" decisionDeadline="350ms" purgeInterval="15m">
              <breaker consecutiveFailures="3" failureRate="40%" window="10" minimumAttempts="4" coolDown="1m"/>
              <whitelist>
                <network>192.0.2.0/24</network>
                <network>2001:DB8::/32</network>
                <rdnsDomain>Google.com</rdnsDomain>
                <sender>@partner.example</sender>
                <recipient>sales@herald.example</recipient>
                <recipient>sales@herald.example</recipient>
              </whitelist>
            </greylist>""");

        assertThat(configuration.enabled()).isFalse();
        assertThat(configuration.delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(configuration.retryWindow()).isEqualTo(Duration.ofHours(12));
        assertThat(configuration.recordLifetime()).isEqualTo(Duration.ofDays(60));
        assertThat(configuration.ipv4Prefix()).isEqualTo(28);
        assertThat(configuration.ipv6Prefix()).isEqualTo(56);
        assertThat(configuration.autoWhitelistAfter()).isZero();
        assertThat(configuration.autoWhitelistEnabled()).isFalse();
        assertThat(configuration.decisionDeadline()).isEqualTo(Duration.ofMillis(350));
        assertThat(configuration.purgeInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(configuration.breaker()).isEqualTo(new BreakerSettings(3, 40, 10, 4, Duration.ofMinutes(1)));
        // The given whitelist replaces the default postmaster@ and abuse@; duplicates collapse.
        assertThat(configuration.whitelist()).containsExactly(
            new WhitelistEntry(WhitelistKind.NETWORK, "192.0.2.0/24"),
            new WhitelistEntry(WhitelistKind.NETWORK, "2001:db8::/32"),
            new WhitelistEntry(WhitelistKind.RDNS_DOMAIN, "google.com"),
            new WhitelistEntry(WhitelistKind.SENDER, "@partner.example"),
            new WhitelistEntry(WhitelistKind.RECIPIENT, "sales@herald.example"));
    }

    @Test
    void anEmptyWhitelistElementWhitelistsNothing() {
        assertThat(parser.parse("<greylist><whitelist/></greylist>").whitelist()).isEmpty();
    }

    @Test
    void aPartialBreakerKeepsTheGreylistDefaultsForTheRest() {
        assertThat(parser.parse("<greylist><breaker coolDown=\"10s\"/></greylist>").breaker())
            .isEqualTo(new BreakerSettings(5, 50, 20, 10, Duration.ofSeconds(10)));
    }

    @Test
    void mistakesNameTheFileTheElementAndTheFix() {
        assertThatThrownBy(() -> parser.parse("<greylist><whitelist><network>10.0.0.0/33</network></whitelist></greylist>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("conf/greylist.xml").hasMessageContaining("<network>")
            .hasMessageContaining("10.0.0.0/33 is not a network: the prefix of an IPv4 network is 0-32")
            .hasMessageContaining("fix: write a network like 192.0.2.0/24");
        assertThatThrownBy(() -> parser.parse("<greylist delay=\"soon\"/>"))
            .hasMessageContaining("conf/greylist.xml: <greylist>: delay \"soon\" is not a duration");
        assertThatThrownBy(() -> parser.parse("<greylist dealy=\"60s\"/>"))
            .hasMessageContaining("has no attribute dealy").hasMessageContaining("delay");
        assertThatThrownBy(() -> parser.parse("<greylist ipv4Prefix=\"33\"/>"))
            .hasMessageContaining("ipv4Prefix \"33\" is not a number from 8 to 32");
        assertThatThrownBy(() -> parser.parse("<greylist autoWhitelistAfter=\"-1\"/>")).hasMessageContaining("autoWhitelistAfter");
        assertThatThrownBy(() -> parser.parse("<greylist enabled=\"yes\"/>")).hasMessageContaining("is not true or false");
        assertThatThrownBy(() -> parser.parse("<greylist delay=\"3d\"/>"))
            .hasMessageContaining("retryWindow (default) is not longer than delay \"3d\"")
            .hasMessageContaining("make retryWindow longer than delay");
        assertThatThrownBy(() -> parser.parse("<greylist recordLifetime=\"1d\"/>"))
            .hasMessageContaining("recordLifetime \"1d\" is shorter than retryWindow");
        assertThatThrownBy(() -> parser.parse("<greylist><breaker failureRate=\"150%\"/></greylist>"))
            .hasMessageContaining("<breaker>").hasMessageContaining("write it like 50%");
        assertThatThrownBy(() -> parser.parse("<greylist><breaker window=\"5\" minimumAttempts=\"6\"/></greylist>"))
            .hasMessageContaining("minimumAttempts \"6\" is not a number from 1 to 5");
        assertThatThrownBy(() -> parser.parse("<greylist><breaker failureRatePercent=\"50\"/></greylist>"))
            .hasMessageContaining("has no attribute failureRatePercent").hasMessageContaining("failureRate");
        assertThatThrownBy(() -> parser.parse("<greylist><whitelist><host>x</host></whitelist></greylist>"))
            .hasMessageContaining("<host>").hasMessageContaining("is not a known element");
        assertThatThrownBy(() -> parser.parse("<greylist><whitelist><sender>partner.example</sender></whitelist></greylist>"))
            .hasMessageContaining("<sender>").hasMessageContaining("@partner.example");
        assertThatThrownBy(() -> parser.parse("<greylist><whitelist><rdnsDomain>com</rdnsDomain></whitelist></greylist>"))
            .hasMessageContaining("<rdnsDomain>").hasMessageContaining("top-level domain");
        assertThatThrownBy(() -> parser.parse("<greylist><whitelist/><whitelist/></greylist>")).hasMessageContaining("more than once");
        assertThatThrownBy(() -> parser.parse("<greylisting/>")).hasMessageContaining("must start with <greylist>");
    }
}
