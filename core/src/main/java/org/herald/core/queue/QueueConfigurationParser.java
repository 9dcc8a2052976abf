package org.herald.core.queue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

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
        String raw = file.attribute(file.root(), "implementation").orElse("activemq");
        try {
            return new QueueConfiguration(QueueImplementation.valueOf(raw.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw file.error(file.root(), "implementation \"" + raw + "\" is not a queue implementation",
                "set implementation to one of " + Arrays.stream(QueueImplementation.values())
                    .map(value -> value.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
