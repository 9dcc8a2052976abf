package org.herald.core.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import org.herald.core.config.DurationText;
import org.herald.core.config.XmlConfigFile;

/** Reads conf/queue.xml (documented in that file). */
public final class QueueConfigurationParser {
    public static final String FILE_NAME = "queue.xml";
    private static final String DISPLAY_NAME = "conf/" + FILE_NAME;

    public QueueConfiguration parse(Path confDirectory) {
        return XmlConfigFile.readIfPresent(confDirectory.resolve(FILE_NAME), DISPLAY_NAME, "queue")
            .map(this::parse)
            .orElse(QueueConfiguration.DEFAULT);
    }

    public QueueConfiguration parse(String xml) {
        return parse(XmlConfigFile.parse(xml, DISPLAY_NAME, "queue"));
    }

    private QueueConfiguration parse(XmlConfigFile file) {
        file.allowOnlyChildren(file.root());
        String raw = file.attribute(file.root(), "implementation").orElse("herald");
        QueueImplementation implementation;
        try {
            implementation = QueueImplementation.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw file.error(file.root(), "implementation \"" + raw + "\" is not a queue implementation",
                "set implementation to one of " + Arrays.stream(QueueImplementation.values())
                    .map(value -> value.name().toLowerCase(Locale.ROOT)).toList());
        }
        long maxDepth = file.intAttribute(file.root(), "healthMaxDepth", (int) QueueConfiguration.DEFAULT_HEALTH_MAX_DEPTH, 1, Integer.MAX_VALUE);
        Duration maxOldestAge = file.attribute(file.root(), "healthMaxOldestAge")
            .map(text -> DurationText.parse(text).filter(duration -> !duration.isZero())
                .orElseThrow(() -> file.error(file.root(), "healthMaxOldestAge \"" + text + "\" is not a duration",
                    "write durations like 30m, 12h or 2d")))
            .orElse(QueueConfiguration.DEFAULT_HEALTH_MAX_OLDEST_AGE);
        return new QueueConfiguration(implementation, maxDepth, maxOldestAge);
    }
}
