package org.herald.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.herald.core.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * TLS trust through caFile and basic authentication, against a stand-in for a secured cluster (the test node has no
 * security plugin): an HTTP(S) server answering the few requests {@link OpenSearchDmarcReportStore#find} makes.
 */
class ClusterAccessTest {
    private static final String ID = "0".repeat(64);

    @TempDir
    Path temp;
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anHttpsClusterIsTrustedThroughTheCaFileAndOnlyThen() throws Exception {
        TestCertificates certificates = TestCertificates.selfSigned(temp);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()));
        URI url = start(https, "https");

        try (OpenSearchDmarcReportStore trusting = new OpenSearchDmarcReportStore(OpenSearchConfiguration.of(url).withCaFile(certificates.caFile()))) {
            assertThat(trusting.find(ID)).isEmpty();
        }
        assertThat(requests).contains("GET /herald-dmarc-reports/_doc/" + ID);

        requests.clear();
        try (OpenSearchDmarcReportStore jdkTrustOnly = new OpenSearchDmarcReportStore(OpenSearchConfiguration.of(url))) {
            assertThatThrownBy(() -> jdkTrustOnly.find(ID))
                .isInstanceOf(OpenSearchStoreException.class)
                .hasMessageContaining("the TLS connection to the OpenSearch cluster at " + url + " failed")
                .hasMessageContaining("caFile");
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void credentialsAreGivenWhenTheClusterAsks() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        URI url = start(http, "http");
        http.removeContext("/");
        http.createContext("/", this::answer).setAuthenticator(new BasicAuthenticator("opensearch") {
            @Override
            public boolean checkCredentials(String username, String password) {
                return username.equals("herald") && password.equals("s3cret");
            }
        });

        try (OpenSearchDmarcReportStore authenticated = new OpenSearchDmarcReportStore(
            OpenSearchConfiguration.of(url).withCredentials("herald", Secret.of("s3cret")))) {
            assertThat(authenticated.find(ID)).isEmpty();
        }
        try (OpenSearchDmarcReportStore wrongPassword = new OpenSearchDmarcReportStore(
            OpenSearchConfiguration.of(url).withCredentials("herald", Secret.of("guess")))) {
            assertThatThrownBy(() -> wrongPassword.find(ID))
                .isInstanceOf(OpenSearchStoreException.class)
                .hasMessageContaining("The OpenSearch cluster at " + url + " refused to")
                .hasMessageContaining("HTTP status 401: check the <credentials> of conf/opensearch.xml")
                .hasMessageNotContaining("guess");
        }
        try (OpenSearchDmarcReportStore anonymous = new OpenSearchDmarcReportStore(OpenSearchConfiguration.of(url))) {
            assertThatThrownBy(() -> anonymous.find(ID)).hasMessageContaining("HTTP status 401");
        }
    }

    private URI start(HttpServer http, String scheme) {
        server = http;
        http.createContext("/", this::answer);
        http.start();
        return URI.create(scheme + "://127.0.0.1:" + http.getAddress().getPort());
    }

    /** Just enough of OpenSearch for prepareIndices and a get of a document that does not exist. */
    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        exchange.getRequestBody().readAllBytes();
        int status;
        String body;
        if (method.equals("PUT") && path.startsWith("/_index_template/")) {
            status = 200;
            body = "{\"acknowledged\":true}";
        } else if (method.equals("PUT")) {
            status = 200;
            body = "{\"acknowledged\":true,\"shards_acknowledged\":true,\"index\":\"" + path.substring(1) + "\"}";
        } else if (method.equals("GET") && path.contains("/_doc/")) {
            status = 404;
            body = "{\"_index\":\"herald-dmarc-reports\",\"_id\":\"" + ID + "\",\"found\":false}";
        } else {
            status = 400;
            body = "{\"error\":{\"type\":\"unexpected\",\"reason\":\"" + method + " " + path + "\"},\"status\":400}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
