package org.herald.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.herald.core.config.DurationText;
import org.junit.jupiter.api.Test;

/** conf/dns.xml as shipped parses to the defaults its own comment documents. */
class ShippedDnsXmlTest {
    private static final Path CONF = Path.of("..", "conf");

    @Test
    void theShippedDnsXmlGivesTheDefaults() throws Exception {
        DnsConfiguration shipped = new DnsConfigurationParser().parse(CONF);

        assertThat(shipped).isEqualTo(DnsConfiguration.DEFAULT);
        String text = Files.readString(CONF.resolve(DnsConfigurationParser.FILE_NAME));
        assertThat(text)
            .contains("(" + DurationText.format(DnsConfiguration.DEFAULT_TIMEOUT) + ")")
            .contains("(" + DnsConfiguration.DEFAULT_RETRIES + ")")
            .contains("(" + DurationText.format(DnsConfiguration.DEFAULT_LOOKUP_TIMEOUT) + ")")
            .contains("(" + DnsCacheSettings.DEFAULT_MAX_ENTRIES + ")")
            .contains("(" + DurationText.format(DnsCacheSettings.DEFAULT_MAX_TTL) + ")")
            .contains("(" + DurationText.format(DnsCacheSettings.DEFAULT_MAX_NEGATIVE_TTL) + ")")
            .contains("(" + ResolverHealthSettings.DEFAULT_MARK_DOWN_AFTER + ")")
            .contains("(" + DurationText.format(ResolverHealthSettings.DEFAULT_RECOVERY_INTERVAL) + ")")
            .contains("(\"" + ResolverHealthSettings.DEFAULT_RECOVERY_QUERY + "\"")
            .doesNotContain("dnsservice.xml");
    }
}
