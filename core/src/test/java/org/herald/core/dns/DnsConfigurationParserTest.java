package org.herald.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.herald.core.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class DnsConfigurationParserTest {
    private final DnsConfigurationParser parser = new DnsConfigurationParser();

    @Test
    void theShortFormTestsWriteKeepsWorkingWithTheRestAtItsDefaults() {
        DnsConfiguration parsed = parser.parse("<dns timeout=\"1s\" retries=\"0\"><resolver address=\"127.0.0.1\" port=\"5353\"/></dns>");

        assertThat(parsed).isEqualTo(new DnsConfiguration(List.of(new InetSocketAddress("127.0.0.1", 5353)), Duration.ofSeconds(1), 0));
        assertThat(parsed.lookupTimeout()).isEqualTo(DnsConfiguration.DEFAULT_LOOKUP_TIMEOUT);
        assertThat(parsed.cache()).isEqualTo(DnsCacheSettings.DEFAULT);
        assertThat(parsed.health()).isEqualTo(ResolverHealthSettings.DEFAULT);
    }

    @Test
    void everyElement() {
        DnsConfiguration parsed = parser.parse("""
            <dns timeout="500ms" retries="2" lookupTimeout="4s">
                <resolver address="192.0.2.53"/>
                <resolver address="::1" port="5300"/>
                <cache maxEntries="0" maxTtl="1h" maxNegativeTtl="0s"/>
                <health markDownAfter="5" recoveryInterval="10s" recoveryQuery="herald.test"/>
            </dns>""");

        assertThat(parsed).isEqualTo(new DnsConfiguration(
            List.of(new InetSocketAddress("192.0.2.53", 53), new InetSocketAddress("::1", 5300)),
            Duration.ofMillis(500), 2, Duration.ofSeconds(4),
            new DnsCacheSettings(0, Duration.ofHours(1), Duration.ZERO),
            new ResolverHealthSettings(5, Duration.ofSeconds(10), "herald.test")));
    }

    @Test
    void aLongTimeoutStretchesTheDefaultBudget() {
        assertThat(parser.parse("<dns timeout=\"15s\"/>").lookupTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void errorsNameTheFileTheElementAndTheFix() {
        assertThatThrownBy(() -> parser.parse("<dns timeout=\"5s\" lookupTimeout=\"2s\"/>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("conf/dns.xml").hasMessageContaining("lookupTimeout 2s is shorter than timeout 5s")
            .hasMessageContaining("make lookupTimeout at least timeout");
        assertThatThrownBy(() -> parser.parse("<dns><health markDownAfter=\"0\"/></dns>"))
            .hasMessageContaining("<health>").hasMessageContaining("markDownAfter \"0\" is not a number from 1 to 100");
        assertThatThrownBy(() -> parser.parse("<dns><health recoveryQuery=\"a..b\"/></dns>"))
            .hasMessageContaining("recoveryQuery \"a..b\" is not a DNS name");
        assertThatThrownBy(() -> parser.parse("<dns><cache maxNegativeTtl=\"soon\"/></dns>"))
            .hasMessageContaining("maxNegativeTtl \"soon\" is not a duration");
        assertThatThrownBy(() -> parser.parse("<dns><cache/><cache/></dns>")).hasMessageContaining("appears more than once");
        assertThatThrownBy(() -> parser.parse("<dns><resolvers/></dns>")).hasMessageContaining("is not a known element here");
        assertThatThrownBy(() -> parser.parse("<dns><resolver address=\"dns.example\"/></dns>"))
            .hasMessageContaining("address \"dns.example\" is not an IP address");
        assertThatThrownBy(() -> parser.parse("<dns><resolver address=\"127.0.0.1\"/><resolver address=\"127.0.0.1\" port=\"53\"/></dns>"))
            .hasMessageContaining("a second time");
    }
}
