package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.herald.it.harness.HeraldProcess;
import org.herald.testpeers.DnsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Herald's resolver pool against two real DNS servers (unbound on loopback) listed in conf/dns.xml: lookups go to the
 * first while it answers; once it is stopped the second answers them within the timeout, the first is marked down
 * with its reason, and {@code GET /dns} and {@code /metrics} say so; restarted, it is probed back up and asked first
 * again.
 */
class ResolverPoolIntegrationTest {
    private static final String DOMAIN = "pool.test";
    private static final String OTHER_DOMAIN = "other-pool.test";
    private static final String THIRD_DOMAIN = "third-pool.test";
    /** Long enough that no probe runs while the test looks at the down resolver, short enough to wait for. */
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    private DnsServer first;
    private DnsServer second;
    private HeraldProcess herald;

    @BeforeEach
    void startPeers() {
        assumeThat(DnsServer.available()).as(DnsServer.INSTALL_HINT).isTrue();
        first = DnsServer.start();
        second = DnsServer.start();
    }

    @AfterEach
    void stopPeers() {
        if (herald != null) {
            herald.close();
        }
        for (DnsServer server : new DnsServer[] {first, second}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static String metricName(DnsServer server) {
        return "127_0_0_1_" + server.port();
    }

    private List<String> selectorNames() throws Exception {
        List<String> selectors = new ArrayList<>();
        for (JsonNode key : json(herald.get("/dkim/domains/" + DOMAIN + "/keys"), 200)) {
            selectors.add(key.get("selector").asText());
        }
        return selectors;
    }

    /** Publishes, in {@code server} only, the records Herald prints for the domain's keys. */
    private void publishIn(DnsServer server, String domain) throws Exception {
        for (JsonNode record : json(herald.get("/dkim/domains/" + domain + "/dns"), 200)) {
            if (!record.get("action").asText().equals("remove")) {
                List<String> strings = new ArrayList<>();
                record.get("strings").forEach(string -> strings.add(string.asText()));
                server.putTxt(record.get("name").asText(), strings.toArray(String[]::new));
            }
        }
    }

    private static boolean asked(DnsServer server, String selector) {
        return server.queries().stream().anyMatch(query -> query.name().startsWith(selector + "._domainkey." + DOMAIN)
            && query.type().equals("TXT"));
    }

    @Test
    void whenTheFirstResolverStopsTheSecondAnswersAndTheFirstIsMarkedDownThenProbedBackUp() throws Exception {
        herald = HeraldProcess.builder(work)
            .editConf("dns.xml", text -> "<dns timeout=\"1s\" retries=\"0\" lookupTimeout=\"4s\">"
                + "<resolver address=\"127.0.0.1\" port=\"" + first.port() + "\"/>"
                + "<resolver address=\"127.0.0.1\" port=\"" + second.port() + "\"/>"
                + "<health markDownAfter=\"2\" recoveryInterval=\"" + RECOVERY_INTERVAL.toSeconds() + "s\"/></dns>")
            .start();
        json(herald.post("/dkim/domains/" + DOMAIN + "/keys", ""), 201);
        List<String> selectors = selectorNames();
        assertThat(selectors).hasSize(2);
        publishIn(second, DOMAIN);

        // Both up: the first is asked, and it has no record (the key pre-check never answers from a cache).
        HttpResponse<String> refused = herald.post("/dkim/domains/" + DOMAIN + "/keys/" + selectors.get(0) + "/activate", "");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(asked(first, selectors.get(0))).isTrue();
        assertThat(asked(second, selectors.get(0))).isFalse();

        first.stop();

        for (String selector : selectors) {
            long started = System.nanoTime();
            JsonNode activated = json(herald.post("/dkim/domains/" + DOMAIN + "/keys/" + selector + "/activate", ""), 200);
            assertThat(activated.get("state").asText()).isEqualTo("active");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered by the second within the budget")
                .isLessThan(Duration.ofSeconds(4));
            assertThat(asked(second, selector)).isTrue();
        }

        JsonNode dns = json(herald.get("/dns"), 200);
        System.out.println("GET /dns after the first resolver stopped:\n" + dns.toPrettyString());
        JsonNode down = dns.get("resolvers").get(0);
        JsonNode up = dns.get("resolvers").get(1);
        assertThat(down.get("address").asText()).isEqualTo("127.0.0.1:" + first.port());
        assertThat(down.get("up").asBoolean()).as(dns.toString()).isFalse();
        assertThat(down.get("state").asText()).isEqualTo("OPEN");
        assertThat(down.get("reason").asText()).contains("failed attempts in a row");
        assertThat(down.get("downUntil").isNull()).isFalse();
        assertThat(down.get("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(down.get("lastError").get("message").asText()).isNotBlank();
        assertThat(up.get("address").asText()).isEqualTo("127.0.0.1:" + second.port());
        assertThat(up.get("up").asBoolean()).isTrue();
        assertThat(up.get("queries").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(up.get("failures").asLong()).isZero();
        assertThat(up.get("lastError").isNull()).isTrue();
        assertThat(dns.get("cache").get("maxEntries").asInt()).isEqualTo(10_000);

        // Marked down, the first costs a lookup nothing: a further lookup goes straight to the second.
        long queriesBefore = down.get("queries").asLong();
        json(herald.post("/dkim/domains/" + OTHER_DOMAIN + "/keys", ""), 201);
        String other = json(herald.get("/dkim/domains/" + OTHER_DOMAIN + "/keys"), 200).get(0).get("selector").asText();
        publishIn(second, OTHER_DOMAIN);
        json(herald.post("/dkim/domains/" + OTHER_DOMAIN + "/keys/" + other + "/activate", ""), 200);
        assertThat(json(herald.get("/dns"), 200).get("resolvers").get(0).get("queries").asLong()).isEqualTo(queriesBefore);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(herald.metric("herald_dns_resolver_up_" + metricName(first))).isZero();
            assertThat(herald.metric("herald_dns_resolver_up_" + metricName(second))).isEqualTo(1);
            assertThat(herald.metric("herald_dns_failures_" + metricName(first))).isGreaterThanOrEqualTo(2);
            assertThat(herald.metric("herald_dns_queries_" + metricName(second))).isGreaterThanOrEqualTo(2);
        });
        assertThat(herald.log()).contains("DNS resolver 127.0.0.1:" + first.port() + " marked down");

        first.restart();
        Awaitility.await("the first resolver probed back up").atMost(RECOVERY_INTERVAL.multipliedBy(3))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> json(herald.get("/dns"), 200).get("resolvers").get(0).get("up").asBoolean());
        JsonNode back = json(herald.get("/dns"), 200).get("resolvers").get(0);
        assertThat(back.get("reason").asText()).isEqualTo("probe succeeded");
        assertThat(herald.log()).contains("DNS resolver 127.0.0.1:" + first.port() + " is up again");
        json(herald.post("/dkim/domains/" + THIRD_DOMAIN + "/keys", ""), 201);
        String third = json(herald.get("/dkim/domains/" + THIRD_DOMAIN + "/keys"), 200).get(0).get("selector").asText();
        assertThat(herald.post("/dkim/domains/" + THIRD_DOMAIN + "/keys/" + third + "/activate", "").statusCode()).isEqualTo(409);
        assertThat(first.queries()).anyMatch(query -> query.name().startsWith(third + "._domainkey." + THIRD_DOMAIN));
        Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> herald.metric("herald_dns_resolver_up_" + metricName(first)) == 1);
    }
}
