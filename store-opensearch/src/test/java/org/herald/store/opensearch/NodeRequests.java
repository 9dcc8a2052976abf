package org.herald.store.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.herald.testpeers.OpenSearchNode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP to the test node, beside the store under test: to look at what it wrote, to damage it, to clean up. */
final class NodeRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final OpenSearchNode node;

    NodeRequests(OpenSearchNode node) {
        this.node = node;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, String json) {
        return send("POST", path, json);
    }

    long count(String index) {
        return get("/" + index + "/_count").get("count").asLong();
    }

    /** Removes the indices and templates of one store, so the shared node holds nothing between tests. */
    void deleteStore(OpenSearchConfiguration configuration) {
        for (String index : new String[] {configuration.reportsIndex(), configuration.recordsIndex()}) {
            send("DELETE", "/" + index + "?ignore_unavailable=true", null);
            send("DELETE", "/_index_template/" + index, null);
        }
    }

    private JsonNode send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.httpUrl() + path)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
