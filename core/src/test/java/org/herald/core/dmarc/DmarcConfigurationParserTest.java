package org.herald.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.herald.core.config.InvalidConfigurationException;
import org.herald.core.greylist.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmarcConfigurationParserTest {
    private final DmarcConfigurationParser parser = new DmarcConfigurationParser();

    @Test
    void anAbsentFileOrAnEmptyElementMeansTheDefaults(@TempDir Path conf) {
        assertThat(parser.parse(conf)).isEqualTo(DmarcConfiguration.DEFAULT);
        assertThat(parser.parse("<dmarc/>")).isEqualTo(DmarcConfiguration.DEFAULT);
        assertThat(parser.parse("<dmarc quarantineProcessor=\"\"><overrides/></dmarc>")).isEqualTo(DmarcConfiguration.DEFAULT);
        assertThat(DmarcConfiguration.DEFAULT.enabled()).isTrue();
        assertThat(DmarcConfiguration.DEFAULT.rejectEnabled()).isTrue();
        assertThat(DmarcConfiguration.DEFAULT.quarantineHeader()).isEqualTo("X-Herald-Dmarc-Quarantine");
        assertThat(DmarcConfiguration.DEFAULT.quarantineProcessor()).isEmpty();
        assertThat(DmarcConfiguration.DEFAULT.overrides()).isEqualTo(DmarcOverrides.NONE);
    }

    @Test
    void readsEveryAttributeAndOverride() {
        DmarcConfiguration configuration = parser.parse("""
            <dmarc enabled="false" rejectEnabled="false" quarantineHeader="X-Quarantine" quarantineProcessor="dmarc-quarantine">
              <overrides>
                <trustedForwarder network="192.0.2.0/24"/>
                <trustedForwarder network="2001:DB8::/32"/>
                <trustedForwarder domain="Forwarder.Example"/>
                <mailingList listId="users.lists.example.org"/>
              </overrides>
            </dmarc>""");

        assertThat(configuration).isEqualTo(new DmarcConfiguration(false, false, "X-Quarantine",
            Optional.of("dmarc-quarantine"), new DmarcOverrides(
                List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("2001:db8::/32")),
                List.of("forwarder.example"), List.of("users.lists.example.org")), DmarcReportingConfiguration.DEFAULT));
        assertThat(configuration.localDisposition(DmarcPolicy.REJECT)).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(DmarcConfiguration.DEFAULT.localDisposition(DmarcPolicy.REJECT)).isEqualTo(DmarcPolicy.REJECT);
        assertThat(configuration.localDisposition(DmarcPolicy.NONE)).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void readsTheReportsElement() {
        DmarcReportingConfiguration reporting = parser.parse("""
            <dmarc>
              <reports enabled="false" orgName="Mail.Example.ORG" email="dmarc@example.org" dailyBudget="50" delay="1h"
                       catchUpDays="3" checkInterval="30s" keepEvaluations="10d">
                <exclude domain="Partner.Example"/>
                <exclude domain="lists.example.net"/>
              </reports>
            </dmarc>""").reporting();

        assertThat(reporting).isEqualTo(new DmarcReportingConfiguration(false, Optional.of("mail.example.org"),
            Optional.of("dmarc@example.org"), java.util.Set.of("partner.example", "lists.example.net"), 50,
            java.time.Duration.ofHours(1), 3, java.time.Duration.ofSeconds(30), java.time.Duration.ofDays(10)));
        assertThat(reporting.settings("herald.test").orgName()).isEqualTo("mail.example.org");
        var defaults = DmarcReportingConfiguration.DEFAULT.settings("herald.test");
        assertThat(defaults.orgName()).isEqualTo("herald.test");
        assertThat(defaults.email()).isEqualTo("postmaster@herald.test");
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.dailyBudget()).isEqualTo(1000);
    }

    @Test
    void namesTheFileTheElementAndTheFix() {
        assertRefused("<dmarc enabled=\"yes\"/>", "<dmarc>", "enabled \"yes\" is not true or false");
        assertRefused("<dmarc rejectEnable=\"false\"/>", "<dmarc>", "has no attribute rejectEnable");
        assertRefused("<dmarc quarantineHeader=\"X Bad:\"/>", "<dmarc>", "quarantineHeader \"X Bad:\" is not a header field name");
        assertRefused("<dmarc quarantineProcessor=\"a b\"/>", "<dmarc>", "quarantineProcessor \"a b\" is not a processor name");
        assertRefused("<dmarc><report/></dmarc>", "<report>", "is not a known element here");
        assertRefused("<dmarc><reports email=\"postmaster\"/></dmarc>", "<reports>", "email \"postmaster\" is not a mail address");
        assertRefused("<dmarc><reports budget=\"3\"/></dmarc>", "<reports>", "has no attribute budget");
        assertRefused("<dmarc><reports dailyBudget=\"-1\"/></dmarc>", "<reports>", "dailyBudget \"-1\" is not a number from 0");
        assertRefused("<dmarc><reports delay=\"13h\"/></dmarc>", "<reports>", "is not between 0 and 12 hours");
        assertRefused("<dmarc><reports catchUpDays=\"5\" keepEvaluations=\"3d\"/></dmarc>", "<reports>",
            "would delete evaluations the 5 catch-up day(s) still need");
        assertRefused("<dmarc><reports><exclude/></reports></dmarc>", "<exclude>", "lacks the required attribute domain");
        assertRefused("<dmarc><reports><exclude domain=\"a b\"/></reports></dmarc>", "<exclude>", "is not a domain name");
        assertRefused("<dmarc><overrides/><overrides/></dmarc>", "<overrides>", "appears more than once");
        assertRefused("<dmarc><overrides><trustedForwarder/></overrides></dmarc>", "<trustedForwarder>",
            "needs exactly one of network and domain");
        assertRefused("<dmarc><overrides><trustedForwarder network=\"192.0.2.0/24\" domain=\"f.example\"/></overrides></dmarc>",
            "<trustedForwarder>", "needs exactly one of network and domain");
        assertRefused("<dmarc><overrides><trustedForwarder network=\"192.0.2.1/24\"/></overrides></dmarc>",
            "<trustedForwarder>", "192.0.2.1/24 is not a network");
        assertRefused("<dmarc><overrides><trustedForwarder domain=\"not a domain\"/></overrides></dmarc>",
            "<trustedForwarder>", "is not a domain name");
        assertRefused("<dmarc><overrides><mailingList/></overrides></dmarc>", "<mailingList>",
            "lacks the required attribute listId");
        assertRefused("<dmarc><overrides><mailingList id=\"x\"/></overrides></dmarc>", "<mailingList>",
            "has no attribute id");
        assertRefused("<dmarc><overrides><forwarder/></overrides></dmarc>", "<forwarder>", "is not a known element here");
    }

    private void assertRefused(String xml, String element, String problem) {
        assertThatThrownBy(() -> parser.parse(xml))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageStartingWith("conf/dmarc.xml: " + element + ": ")
            .hasMessageContaining(problem)
            .hasMessageContaining(" — fix: ");
    }
}
