package org.herald.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.herald.core.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueConfigurationParserTest {
    private final QueueConfigurationParser parser = new QueueConfigurationParser();

    @Test
    void anAbsentFileMeansTheDurableDefault(@TempDir Path conf) {
        QueueConfiguration configuration = parser.parse(conf);

        assertThat(configuration.implementation()).isEqualTo(QueueImplementation.ACTIVEMQ);
        assertThat(configuration.isDurable()).isTrue();
    }

    @Test
    void theShippedFileGivesTheDocumentedDefault() {
        assertThat(parser.parse(Path.of("../conf"))).isEqualTo(QueueConfiguration.DEFAULT);
    }

    @Test
    void theMemoryQueueIsNotDurable() {
        QueueConfiguration configuration = parser.parse("<queue implementation=\"memory\"/>");

        assertThat(configuration.implementation()).isEqualTo(QueueImplementation.MEMORY);
        assertThat(configuration.isDurable()).isFalse();
    }

    @Test
    void anUnknownImplementationNamesTheChoices() {
        assertThatThrownBy(() -> parser.parse("<queue implementation=\"rabbitmq\"/>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessage("conf/queue.xml: <queue>: implementation \"rabbitmq\" is not a queue implementation"
                + " — fix: set implementation to one of [activemq, memory]");
    }

    @Test
    void childElementsAreRefused() {
        assertThatThrownBy(() -> parser.parse("<queue><spool/></queue>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("<spool>: is not a known element here");
    }
}
