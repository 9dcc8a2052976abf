package org.herald.core.breaker;

import java.time.Duration;

import org.herald.core.config.XmlConfigFile;
import org.w3c.dom.Element;

/**
 * Reads a {@code <breaker consecutiveFailures failureRate window minimumAttempts coolDown/>} element, the same in every
 * configuration file that has one (relays.xml, greylist.xml), each file passing its own defaults.
 */
public final class BreakerSettingsParser {
    private BreakerSettingsParser() {
    }

    public static BreakerSettings parse(XmlConfigFile file, Element element, BreakerSettings defaults) {
        int consecutive = file.intAttribute(element, "consecutiveFailures", defaults.consecutiveFailures(), 1, 1000);
        int rate = file.attribute(element, "failureRate")
            .map(raw -> percent(file, element, raw))
            .orElse(defaults.failureRatePercent());
        int window = file.intAttribute(element, "window", defaults.window(), 1, 10_000);
        int minimum = file.intAttribute(element, "minimumAttempts", Math.min(defaults.minimumAttempts(), window), 1, window);
        Duration coolDown = file.durationAttribute(element, "coolDown", defaults.coolDown());
        return new BreakerSettings(consecutive, rate, window, minimum, coolDown);
    }

    private static int percent(XmlConfigFile file, Element element, String raw) {
        try {
            int value = Integer.parseInt(raw.endsWith("%") ? raw.substring(0, raw.length() - 1).trim() : raw);
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw file.error(element, "failureRate \"" + raw + "\" is not a percentage from 1% to 100%", "write it like 50%");
    }
}
