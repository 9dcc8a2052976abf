package org.herald.core.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.herald.core.config.DurationText;
import org.herald.core.dns.DnsConfiguration;
import org.herald.core.dns.DnsConfigurationParser;
import org.junit.jupiter.api.Test;

/** conf/dkim.xml and conf/dns.xml as shipped parse to the defaults their own comments document. */
class ShippedDkimAndDnsXmlTest {
    private static final Path CONF = Path.of("..", "conf");

    @Test
    void theShippedDkimXmlGivesTheDefaults() throws Exception {
        DkimConfiguration shipped = new DkimConfigurationParser(Map.of()).parse(CONF);

        assertThat(shipped).isEqualTo(DkimConfiguration.DEFAULT);
        String text = Files.readString(CONF.resolve(DkimConfigurationParser.FILE_NAME));
        assertThat(text).contains("(" + DurationText.format(DkimConfiguration.DEFAULT_OVERLAP) + ")")
            .contains("(" + DurationText.format(DkimConfiguration.DEFAULT_DNS_CHECK_INTERVAL) + ")")
            .contains("(" + DurationText.format(DkimConfiguration.DEFAULT_KEY_REFRESH) + ")")
            .contains("(" + SelectorNaming.DEFAULT_PATTERN + ":")
            .contains("(" + DkimConfiguration.DEFAULT_MAX_SIGNATURES + ")");
    }

    @Test
    void theShippedDnsXmlGivesTheDefaults() throws Exception {
        DnsConfiguration shipped = new DnsConfigurationParser().parse(CONF);

        assertThat(shipped).isEqualTo(DnsConfiguration.DEFAULT);
        String text = Files.readString(CONF.resolve(DnsConfigurationParser.FILE_NAME));
        assertThat(text).contains("(" + DurationText.format(DnsConfiguration.DEFAULT_TIMEOUT) + ")")
            .contains("(" + DnsConfiguration.DEFAULT_RETRIES + ")");
    }
}
