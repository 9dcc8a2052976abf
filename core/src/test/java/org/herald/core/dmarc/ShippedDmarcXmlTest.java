package org.herald.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** conf/dmarc.xml as shipped parses to the defaults its own comment documents, and states its failure policy. */
class ShippedDmarcXmlTest {
    private static final Path CONF = Path.of("..", "conf");

    @Test
    void theShippedDmarcXmlGivesTheDefaults() throws Exception {
        DmarcConfiguration defaults = DmarcConfiguration.DEFAULT;

        assertThat(new DmarcConfigurationParser().parse(CONF)).isEqualTo(defaults);
        String text = Files.readString(CONF.resolve(DmarcConfigurationParser.FILE_NAME));
        assertThat(text).contains("(" + defaults.enabled() + ")")
            .contains("(" + defaults.rejectEnabled() + ")")
            .contains("(" + defaults.quarantineHeader() + ")")
            .contains("(empty)")
            .contains("<trustedForwarder network=")
            .contains("<trustedForwarder domain=")
            .contains("<mailingList listId=")
            .contains("DNS failure (timeout, SERVFAIL) looking up _dmarc -> dmarc=temperror")
            .contains("never rejected or quarantined because DNS failed");
    }

    @Test
    void theCommentedOutExampleParses() throws Exception {
        String text = Files.readString(CONF.resolve(DmarcConfigurationParser.FILE_NAME));
        String example = text.substring(text.indexOf("<overrides>\n"), text.indexOf("</overrides>") + "</overrides>".length());

        DmarcConfiguration configuration = new DmarcConfigurationParser().parse("<dmarc>" + example + "</dmarc>");

        assertThat(configuration.overrides().trustedForwarderNetworks()).hasSize(1);
        assertThat(configuration.overrides().trustedForwarderDomains()).containsExactly("forwarder.example");
        assertThat(configuration.overrides().mailingListIds()).containsExactly("users.lists.example.org");
    }
}
