package org.herald.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.herald.core.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueConfigurationParserTest {
    private final QueueConfigurationParser parser = new QueueConfigurationParser();

    @Test
    void anAbsentFileMeansTheDurableDefault(@TempDir Path conf) {
        QueueConfiguration configuration = parser.parse(conf);

        assertThat(configuration.implementation()).isEqualTo(QueueImplementation.HERALD);
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
    void activemqRemainsSelectable() {
        assertThat(parser.parse("<queue implementation=\"activemq\"/>").implementation()).isEqualTo(QueueImplementation.ACTIVEMQ);
    }

    @Test
    void heraldsOwnQueueIsDurable() {
        QueueConfiguration configuration = parser.parse("<queue implementation=\"herald\"/>");

        assertThat(configuration.implementation()).isEqualTo(QueueImplementation.HERALD);
        assertThat(configuration.isDurable()).isTrue();
    }

    @Test
    void anUnknownImplementationNamesTheChoices() {
        assertThatThrownBy(() -> parser.parse("<queue implementation=\"rabbitmq\"/>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessage("conf/queue.xml: <queue>: implementation \"rabbitmq\" is not a queue implementation"
                + " — fix: set implementation to one of [activemq, herald, memory]");
    }

    @Test
    void healthThresholdsHaveDefaultsAndCanBeSet() {
        assertThat(parser.parse("<queue/>").healthMaxDepth()).isEqualTo(50_000);
        assertThat(parser.parse("<queue/>").healthMaxOldestAge()).isEqualTo(Duration.ofDays(2));

        QueueConfiguration configuration = parser.parse("<queue implementation=\"herald\" healthMaxDepth=\"100\" healthMaxOldestAge=\"6h\"/>");

        assertThat(configuration.healthMaxDepth()).isEqualTo(100);
        assertThat(configuration.healthMaxOldestAge()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aBadHealthThresholdIsRefused() {
        assertThatThrownBy(() -> parser.parse("<queue healthMaxOldestAge=\"soon\"/>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("healthMaxOldestAge \"soon\" is not a duration");
        assertThatThrownBy(() -> parser.parse("<queue healthMaxDepth=\"0\"/>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("healthMaxDepth \"0\" is not a number");
    }

    @Test
    void childElementsAreRefused() {
        assertThatThrownBy(() -> parser.parse("<queue><spool/></queue>"))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessageContaining("<spool>: is not a known element here");
    }
}
