package org.herald.core.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.herald.core.breaker.BreakerSettings;
import org.herald.core.config.DurationText;
import org.junit.jupiter.api.Test;

/** conf/greylist.xml as shipped parses to the defaults its own comment documents. */
class ShippedGreylistXmlTest {
    private static final Path CONF = Path.of("..", "conf");

    @Test
    void theShippedGreylistXmlGivesTheDefaults() throws Exception {
        GreylistConfiguration defaults = GreylistConfiguration.DEFAULT;
        BreakerSettings breaker = defaults.breaker();

        assertThat(new GreylistConfigurationParser().parse(CONF)).isEqualTo(defaults);
        String text = Files.readString(CONF.resolve(GreylistConfigurationParser.FILE_NAME));
        assertThat(text).contains("(" + defaults.enabled() + ")")
            // written in seconds, the unit senders' retry intervals are quoted in
            .contains("(" + defaults.delay().toSeconds() + "s)")
            .contains("(" + DurationText.format(defaults.retryWindow()) + ")")
            .contains("(" + DurationText.format(defaults.recordLifetime()) + ")")
            .contains("(" + defaults.ipv4Prefix() + ")")
            .contains("(" + defaults.ipv6Prefix() + ")")
            .contains("(" + defaults.autoWhitelistAfter() + ")")
            .contains("(" + DurationText.format(defaults.decisionDeadline()) + ")")
            .contains("(" + DurationText.format(defaults.purgeInterval()) + ")")
            .contains("(" + breaker.consecutiveFailures() + ")")
            .contains("(" + breaker.failureRatePercent() + "%)")
            .contains("(" + breaker.window() + ")")
            .contains("(" + breaker.minimumAttempts() + ")")
            .contains("(" + DurationText.format(breaker.coolDown()) + ")")
            .contains("postmaster@ and abuse@")
            .contains("fail open");
    }
}
