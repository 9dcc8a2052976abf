package org.herald.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** conf/opensearch.xml as shipped names no cluster, documents every default, and its example parses. */
class ShippedOpenSearchXmlTest {
    private static final Path CONF = Path.of("..", "conf");

    @Test
    void theShippedFileKeepsTheReportsInTheStateStore() {
        assertThat(OpenSearchConfigurationParser.load(CONF, Map.of())).isEmpty();
    }

    @Test
    void theCommentDocumentsEveryDefault() throws Exception {
        String text = Files.readString(CONF.resolve(OpenSearchConfigurationParser.FILE_NAME));
        OpenSearchConfiguration defaults = OpenSearchConfiguration.of(URI.create("http://127.0.0.1:9200"));

        assertThat(text).contains("(" + defaults.indexPrefix() + ")")
            .contains("(auto)")
            .contains("(" + defaults.connectTimeout().toSeconds() + "s)")
            .contains("(" + defaults.socketTimeout().toSeconds() + "s)")
            .contains("Failure policy:");
        String comment = text.substring(text.indexOf("<!--") + 4, text.indexOf("-->"));
        assertThat(comment).as("XML comments cannot hold a double hyphen").doesNotContain("--");
    }

    @Test
    void theExampleParses() throws Exception {
        String text = Files.readString(CONF.resolve(OpenSearchConfigurationParser.FILE_NAME));
        String example = text.substring(text.indexOf("    <opensearch indexPrefix"), text.indexOf("</opensearch>") + "</opensearch>".length())
            // The example's CA file does not exist here; everything else is parsed as written.
            .replace("        <tls caFile=\"/etc/herald/opensearch-ca.pem\"/>\n", "");

        OpenSearchConfiguration configuration = OpenSearchConfigurationParser.parse(example, "conf/opensearch.xml",
            Map.of("HERALD_OPENSEARCH_PASSWORD", "secret")).orElseThrow();

        assertThat(configuration.hosts()).hasSize(2);
        assertThat(configuration.credentials()).isPresent();
        assertThat(text).contains("<tls caFile=\"/etc/herald/opensearch-ca.pem\"/>");
    }
}
