package org.herald.core.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.herald.core.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupConfigurationParserTest {
    private final WarmupConfigurationParser parser = new WarmupConfigurationParser();

    @Test
    void anAbsentFileWarmsNothingButKnowsTheStandardSchedule(@TempDir Path conf) {
        WarmupConfiguration configuration = parser.parse(conf);

        assertThat(configuration).isEqualTo(WarmupConfiguration.DEFAULT);
        assertThat(parser.parse("<warmup/>")).isEqualTo(WarmupConfiguration.DEFAULT);
        assertThat(configuration.identities()).isEmpty();
        assertThat(configuration.schedules().get("standard").steps()).extracting(WarmupStep::dailyLimit)
            .containsExactly(100L, 500L, 2_000L, 10_000L, 50_000L);
        assertThat(configuration.throttle()).isEqualTo(ThrottlePolicy.DEFAULT);
    }

    @Test
    void readsEveryElement() {
        WarmupConfiguration configuration = parser.parse("""
            <warmup enabled="true" maxWait="10d" warnAfter="2d">
              <schedule name="cautious" hourlyPercent="10">
                <step duration="3d" dailyLimit="50"/>
                <step duration="7d" dailyLimit="200"/>
              </schedule>
              <identity name="relay-a" schedule="cautious" start="2026-11-24"/>
              <identity name="192.0.2.10" overflow="true"/>
              <throttle bounceRate="2%" complaintRate="0.05%" minimumSample="20" window="12h" cut="percent" cutPercent="25"/>
              <providers groupByOrganisationalDomain="true">
                <group name="corp" domains="Corp.example, corp.example.net"/>
              </providers>
              <feedback bounceAddress="bounces@herald.test" feedbackAddress="FBL@herald.test"/>
            </warmup>""");

        assertThat(configuration.schedules().get("cautious")).isEqualTo(new WarmupSchedule("cautious",
            List.of(new WarmupStep(Duration.ofDays(3), 50), new WarmupStep(Duration.ofDays(7), 200)), OptionalInt.of(10)));
        assertThat(configuration.identities()).containsExactly(
            new WarmupIdentityConfiguration("relay-a", "cautious", Optional.of(LocalDate.parse("2026-11-24"))),
            new WarmupIdentityConfiguration("192.0.2.10", "standard", Optional.empty(), true));
        assertThat(configuration.throttle()).isEqualTo(new ThrottlePolicy(0.02, 0.0005, 20, Duration.ofHours(12), false, 25));
        assertThat(configuration.providerGroups()).containsExactly(ProviderGroup.of("corp", "Corp.example", "corp.example.net"));
        assertThat(configuration.providers().providerOf("corp.example.net")).isEqualTo("corp");
        assertThat(configuration.providers().providerOf("googlemail.com")).isEqualTo("google");
        assertThat(configuration.groupByOrganisationalDomain()).isTrue();
        assertThat(configuration.bounceAddress()).contains("bounces@herald.test");
        assertThat(configuration.feedbackAddress()).contains("fbl@herald.test");
        assertThat(configuration.maxWait()).isEqualTo(Duration.ofDays(10));
    }

    @Test
    void namesTheFileTheElementAndTheFix() {
        assertRefused("<warmup maxWait=\"2d\" warnAfter=\"3d\"/>", "<warmup", "warnAfter PT72H is not shorter than maxWait");
        assertRefused("<warmup><schedule name=\"x\"/></warmup>", "<schedule", "has no <step>");
        assertRefused("<warmup><schedule name=\"x\"><step duration=\"7d\"/></schedule></warmup>", "<step", "needs duration and dailyLimit");
        assertRefused("<warmup><schedule name=\"x\"><step duration=\"7d\" dailyLimit=\"500\"/><step duration=\"7d\" dailyLimit=\"100\"/>"
            + "</schedule></warmup>", "<step", "dailyLimit 100 is not above the previous step's");
        assertRefused("<warmup><schedule name=\"Bad Name\"><step duration=\"7d\" dailyLimit=\"5\"/></schedule></warmup>", "<schedule",
            "is not usable in metric names");
        assertRefused("<warmup><identity name=\"a\" schedule=\"turbo\"/></warmup>", "<identity", "schedule turbo is not defined");
        assertRefused("<warmup><identity name=\"a\" start=\"tomorrow\"/></warmup>", "<identity", "start \"tomorrow\" is not a date");
        assertRefused("<warmup><identity name=\"a\"/><identity name=\"a\"/></warmup>", "<identity", "is listed twice");
        assertRefused("<warmup><throttle bounceRate=\"0.01\"/></warmup>", "<throttle", "is not a percentage above 0");
        assertRefused("<warmup><throttle cut=\"half\"/></warmup>", "<throttle", "cut \"half\" is not step or percent");
        assertRefused("<warmup><feedback bounceAddress=\"bounces\"/></warmup>", "<feedback", "is not a mail address");
        assertRefused("<warmup><providers><group name=\"corp\"/></providers></warmup>", "<group", "lacks the required attribute domains");
        assertRefused("<warmup><providers><group name=\"a\" domains=\"x.example\"/><group name=\"b\" domains=\"x.example\"/>"
            + "</providers></warmup>", "<group", "x.example");
        assertRefused("<warmup><schedules/></warmup>", "<schedules", "is not a known element here");
        assertRefused("<warmup enable=\"false\"/>", "<warmup", "has no attribute enable");
    }

    @Test
    void identitiesMustBeThoseOfRelays() {
        WarmupConfiguration configuration = parser.parse("<warmup><identity name=\"relay-b\"/></warmup>");

        WarmupConfigurationParser.requireKnownIdentities(configuration, java.util.Set.of("relay-a", "relay-b"));
        assertThatThrownBy(() -> WarmupConfigurationParser.requireKnownIdentities(configuration, java.util.Set.of("relay-a")))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageStartingWith("conf/warmup.xml: <identity name=\"relay-b\">")
            .hasMessageContaining("no relay of conf/relays.xml sends as relay-b")
            .hasMessageContaining("use one of [relay-a]");
    }

    private void assertRefused(String xml, String element, String problem) {
        assertThatThrownBy(() -> parser.parse(xml))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageStartingWith("conf/warmup.xml: " + element)
            .hasMessageContaining(problem)
            .hasMessageContaining(" — fix: ");
    }
}
