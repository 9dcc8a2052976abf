package org.herald.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conf/local-delivery.xml Herald ships must parse, and give exactly what its own comment documents. */
class ShippedLocalDeliveryXmlTest {
    private static final Path CONF = Path.of("..", "conf");
    private static String text;

    @BeforeAll
    static void readShippedFile() throws Exception {
        Path file = CONF.resolve(LocalDeliveryConfigurationParser.FILE_NAME);
        assertThat(file).as("the shipped local-delivery.xml, relative to the core module").isRegularFile();
        text = Files.readString(file);
    }

    @Test
    void theShippedFileGivesTheDefaultConfiguration() {
        LocalDeliveryConfiguration configuration = new LocalDeliveryConfigurationParser().parse(CONF);

        assertThat(configuration).isEqualTo(LocalDeliveryConfiguration.DEFAULT);
        assertThat(configuration.downstream()).isEmpty();
        assertThat(configuration.repositoryUrl()).isEqualTo("file://var/mail/inbox/");
    }

    @Test
    void theDocumentedRepositoryIsTheDefault() {
        assertThat(documentedDefault("url")).isEqualTo(LocalDeliveryConfiguration.DEFAULT_REPOSITORY);
    }

    @Test
    void theDocumentedDownstreamPortIsTheDefault() {
        int documented = Integer.parseInt(documentedDefault("port"));

        assertThat(new LocalDeliveryConfigurationParser().parse("<localDelivery><downstream host=\"h\"/></localDelivery>").downstream())
            .hasValueSatisfying(downstream -> assertThat(downstream.port()).isEqualTo(documented));
    }

    @Test
    void theDocumentedDownstreamDefaultIsNone() {
        assertThat(documentedDefault("<downstream>")).isEqualTo("none");
        assertThat(documentedDefault("host")).isEqualTo("required");
    }

    @Test
    void theDocumentedProtocolIsAccepted() {
        Matcher protocol = Pattern.compile("(?m)^\\s+protocol\\s{2,}(\\w+)").matcher(text);
        assertThat(protocol.find()).isTrue();

        assertThat(new LocalDeliveryConfigurationParser()
            .parse("<localDelivery><downstream host=\"h\" protocol=\"" + protocol.group(1) + "\"/></localDelivery>").downstream())
            .isPresent();
    }

    /** The first parenthesised text on the comment line documenting {@code attribute}. */
    private static String documentedDefault(String attribute) {
        Matcher matcher = Pattern.compile("(?m)^\\s+" + Pattern.quote(attribute) + "\\s{2,}[^(\\n]*\\(([^)]*)\\)").matcher(text);
        assertThat(matcher.find()).as("local-delivery.xml documents " + attribute + " with its default in parentheses").isTrue();
        return matcher.group(1).trim();
    }
}
