package org.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.herald.it.harness.HeraldProcess;
import org.herald.testpeers.PostgresExtension;
import org.herald.testpeers.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Herald's own state store through a running server: the node registry over WebAdmin, embedded and shared. */
class StateStoreIntegrationTest {
    private static final Pattern NODE = Pattern.compile(
        "\\{\"nodeId\":\"([^\"]+)\",\"hostname\":\"[^\"]+\",\"version\":\"[^\"]+\",\"firstStarted\":\"([^\"]+)\",\"lastStarted\":\"([^\"]+)\"}");

    record Node(String id, String firstStarted, String lastStarted) {
    }

    @TempDir
    Path work;

    @Test
    void theEmbeddedStoreRemembersTheNodeAcrossRestarts() throws Exception {
        try (HeraldProcess herald = HeraldProcess.builder(work).start()) {
            String nodeId = Files.readString(herald.home().resolve("var/node-id")).strip();
            List<Node> first = nodes(herald);
            assertThat(first).extracting(Node::id).containsExactly(nodeId);
            assertThat(herald.home().resolve("var/store/herald.mv.db")).as("the embedded H2 store in the data directory").exists();

            herald.stop();
            herald.start();

            List<Node> second = nodes(herald);
            assertThat(second).extracting(Node::id).containsExactly(nodeId);
            assertThat(second.get(0).firstStarted()).isEqualTo(first.get(0).firstStarted());
            assertThat(second.get(0).lastStarted()).isGreaterThan(first.get(0).lastStarted());
        }
    }

    @Test
    @ExtendWith(PostgresExtension.class)
    void twoNodesSharingAPostgresqlStoreSeeEachOther(PostgresServer postgres) throws Exception {
        PostgresServer.Database database = postgres.createDatabase();
        Path passwordFile = work.resolve("pg-password");
        Files.writeString(passwordFile, database.password());
        String storeXml = "<store><postgresql url=\"" + database.jdbcUrl() + "\" user=\"" + database.user()
            + "\" passwordFile=\"" + passwordFile + "\" poolSize=\"4\"/></store>";

        try (HeraldProcess first = HeraldProcess.builder(work).editConf("store.xml", ignored -> storeXml).start();
             HeraldProcess second = HeraldProcess.builder(work).editConf("store.xml", ignored -> storeXml).start()) {
            String firstId = Files.readString(first.home().resolve("var/node-id")).strip();
            String secondId = Files.readString(second.home().resolve("var/node-id")).strip();
            assertThat(firstId).isNotEqualTo(secondId);

            assertThat(nodes(first)).extracting(Node::id).containsExactlyInAnyOrder(firstId, secondId);
            assertThat(nodes(second)).extracting(Node::id).containsExactlyInAnyOrder(firstId, secondId);
            assertThat(first.home().resolve("var/store/herald.mv.db")).as("no embedded store when PostgreSQL is configured").doesNotExist();
        }
    }

    @Test
    void anUnreachablePostgresqlStoreStopsStartUpWithAClearMessage() {
        HeraldProcess herald = HeraldProcess.builder(work)
            .editConf("store.xml", ignored -> "<store><postgresql url=\"jdbc:postgresql://127.0.0.1:1/herald\" user=\"herald\""
                + " password=\"x\"/></store>")
            .prepare();

        int exit = herald.startExpectingExit(Duration.ofSeconds(60));

        assertThat(exit).isNotZero();
        assertThat(herald.log()).contains("Herald cannot start:").contains("jdbc:postgresql://127.0.0.1:1/herald");
    }

    private static List<Node> nodes(HeraldProcess herald) {
        var response = herald.get("/nodes");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher matcher = NODE.matcher(response.body());
        return matcher.results().map(result -> new Node(result.group(1), result.group(2), result.group(3))).toList();
    }
}
