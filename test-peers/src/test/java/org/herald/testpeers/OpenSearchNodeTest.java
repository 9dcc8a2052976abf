package org.herald.testpeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class OpenSearchNodeTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theServerIsNotOnTheTestClasspath() {
        // It runs in its own JVM; the build provides its jars, so there is nothing to install and nothing to skip.
        assertThat(OpenSearchNode.available()).as("jars unpacked by this module's build in %s", OpenSearchNode.nodeHome()).isTrue();
        assertThatThrownBy(() -> Class.forName("org.opensearch.node.Node")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.lucene.index.IndexWriter")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void startsIndexesSearchesAndStopsWithoutATrace() throws Exception {
        Path directory;
        int port;
        try (OpenSearchNode node = OpenSearchNode.start()) {
            directory = node.directory();
            port = node.httpPort();
            System.out.println("OpenSearch started in " + node.startTime().toMillis() + " ms; "
                + residentMemory(node.pid()) + "; " + node);
            assertThat(node.httpUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(node.transportPort()).isNotEqualTo(port);
            assertThat(FreePorts.isListening(port)).isTrue();
            assertThat(directory).isDirectory();

            HttpResponse<String> root = send(node, "GET", "/", null);
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.body()).contains("\"number\" : \"2.19.6\"", "\"distribution\" : \"opensearch\"");

            // A keyword normalizer (analysis-common) and a scaled_float (mapper-extras): the modules are loaded.
            HttpResponse<String> created = send(node, "PUT", "/reports", """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0,
                              "analysis": {"normalizer": {"lowercase": {"type": "custom", "filter": ["lowercase"]}}}},
                 "mappings": {"properties": {"domain": {"type": "keyword", "normalizer": "lowercase"},
                                             "count": {"type": "long"},
                                             "rate": {"type": "scaled_float", "scaling_factor": 100},
                                             "begin": {"type": "date"}}}}""");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(created.body()).contains("\"acknowledged\":true");

            HttpResponse<String> indexed = send(node, "PUT", "/reports/_doc/r1?refresh=true", """
                {"domain": "Example.ORG", "count": 42, "rate": 0.97, "begin": "2026-11-23T00:00:00Z"}""");
            assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

            HttpResponse<String> found = send(node, "POST", "/reports/_search", """
                {"query": {"term": {"domain": "example.org"}}}""");
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            assertThat(found.body()).contains("\"total\":{\"value\":1,", "\"_id\":\"r1\"", "\"count\": 42");

            HttpResponse<String> health = send(node, "GET", "/_cluster/health/reports", null);
            assertThat(health.body()).contains("\"status\":\"green\"");

            // reindex module: delete by query (what a retention job would use).
            HttpResponse<String> deleted = send(node, "POST", "/reports/_delete_by_query?refresh=true", """
                {"query": {"range": {"begin": {"lt": "2026-12-01"}}}}""");
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
            assertThat(deleted.body()).contains("\"deleted\":1");

            assertThat(node.log()).contains("started");
        }
        assertThat(FreePorts.isListening(port)).as("HTTP port closed").isFalse();
        assertThat(Files.exists(directory)).as("directory deleted").isFalse();
    }

    private HttpResponse<String> send(OpenSearchNode node, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.httpUrl() + path)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String residentMemory(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> "RSS " + line.substring("VmRSS:".length()).strip())
                .findFirst()
                .orElse("RSS unknown");
        } catch (Exception e) {
            return "RSS unknown";
        }
    }
}
