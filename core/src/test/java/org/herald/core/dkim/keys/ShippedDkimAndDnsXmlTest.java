package org.herald.core.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.herald.core.config.DurationText;
import org.junit.jupiter.api.Test;

/** conf/dkim.xml as shipped parses to the defaults its own comment documents (conf/dns.xml: ShippedDnsXmlTest). */
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
}
