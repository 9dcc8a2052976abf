package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

import org.herald.core.node.HeraldNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest {
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final Instant T1 = Instant.parse("2024-05-02T08:00:00Z");

    @TempDir
    Path dataDirectory;

    @Test
    void createsItsFilesInTheConfiguredDirectory() {
        Path directory = dataDirectory.resolve("nested/store");
        try (HeraldDataSource store = HeraldDataSource.open(new StoreConfiguration.Embedded(directory))) {
            assertThat(store.schemaVersion()).isEqualTo(ShippedMigrations.latestVersion());
        }

        assertThat(directory.resolve("herald.mv.db")).isRegularFile();
    }

    @Test
    void survivesCloseAndReopen() {
        StoreConfiguration configuration = StoreConfiguration.Embedded.defaultIn(dataDirectory);
        try (HeraldDataSource store = HeraldDataSource.open(configuration)) {
            new JdbcNodeRegistry(store).recordStart("mx1", "mx1.example.net", "0.1.0", T0);
        }

        try (HeraldDataSource reopened = HeraldDataSource.open(configuration)) {
            JdbcNodeRegistry registry = new JdbcNodeRegistry(reopened);
            assertThat(registry.find("mx1")).contains(new HeraldNode("mx1", "mx1.example.net", "0.1.0", T0, T0));
            registry.recordStart("mx1", "mx1.example.net", "0.2.0", T1);
        }

        try (HeraldDataSource again = HeraldDataSource.open(configuration)) {
            assertThat(new JdbcNodeRegistry(again).all())
                .containsExactly(new HeraldNode("mx1", "mx1.example.net", "0.2.0", T0, T1));
        }
    }

    @Test
    void migrationsRunOnceAndReopeningAppliesNone() throws Exception {
        StoreConfiguration configuration = StoreConfiguration.Embedded.defaultIn(dataDirectory);
        try (HeraldDataSource store = HeraldDataSource.open(configuration)) {
            assertThat(store.migrationsExecuted()).isEqualTo(ShippedMigrations.count());
        }

        try (HeraldDataSource store = HeraldDataSource.open(configuration)) {
            assertThat(store.migrationsExecuted()).isZero();
            assertThat(store.schemaVersion()).isEqualTo(ShippedMigrations.latestVersion());
            try (Connection connection = store.connection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM " + HeraldDataSource.SCHEMA_HISTORY_TABLE + " WHERE version = '1' AND success")) {
                rows.next();
                assertThat(rows.getInt(1)).as("V1 recorded once").isEqualTo(1);
            }
        }
    }

    @Test
    @Timeout(120)
    void aSecondOpenOfTheSameDirectoryFailsClearlyWhileTheFirstIsOpen() throws Exception {
        Path directory = dataDirectory.resolve("store");
        try (HeraldDataSource first = HeraldDataSource.open(new StoreConfiguration.Embedded(directory))) {
            // Another process would see H2's file lock; in-process, H2 would share the open database, so check the lock
            // the way a second Herald sees it: a separate JVM.
            Process second = EmbeddedStoreProcess.start(directory, "open-only");
            String output = EmbeddedStoreProcess.awaitExit(second);

            assertThat(second.exitValue()).as(output).isNotZero();
            assertThat(output).contains("is in use by another process").contains(directory.toString());
            assertThat(new JdbcNodeRegistry(first).all()).isEmpty();
        }
    }

    @Test
    void anUnwritableDirectoryFailsWithTheDirectoryInTheMessage() throws Exception {
        Path file = dataDirectory.resolve("not-a-directory");
        Files.writeString(file, "x");

        assertThatThrownBy(() -> HeraldDataSource.open(new StoreConfiguration.Embedded(file.resolve("store"))))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("Cannot create the embedded store directory " + file.resolve("store"))
            .hasMessageContaining("check that the user running Herald may write");
    }

    @Test
    @Timeout(120)
    void aStartRecordedByAProcessKilledWithSigkillIsThereAfterRestart() throws Exception {
        Path directory = dataDirectory.resolve("store");
        Process writer = EmbeddedStoreProcess.start(directory, "record-and-wait");
        String line = EmbeddedStoreProcess.awaitLine(writer, "recorded");
        assertThat(line).isEqualTo("recorded");

        writer.destroyForcibly().waitFor();

        try (HeraldDataSource reopened = HeraldDataSource.open(new StoreConfiguration.Embedded(directory))) {
            assertThat(new JdbcNodeRegistry(reopened).find(EmbeddedStoreProcess.NODE_ID))
                .hasValueSatisfying(node -> assertThat(node.hostname()).isEqualTo("killed.example.net"));
        }
    }
}
