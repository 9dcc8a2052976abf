package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

import org.herald.core.config.Secret;
import org.herald.core.node.HeraldNode;
import org.herald.testpeers.PostgresExtension;
import org.herald.testpeers.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresStoreTest {
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    private static StoreConfiguration.Postgres configuration(PostgresServer.Database database) {
        return new StoreConfiguration.Postgres(database.jdbcUrl(), database.user(), Secret.of(database.password()), 3);
    }

    @Test
    void migrationsRunOnceAndASecondNodeOpeningTheSameDatabaseAppliesNone(PostgresServer server) throws Exception {
        PostgresServer.Database database = server.createDatabase();
        try (HeraldDataSource first = HeraldDataSource.open(configuration(database))) {
            assertThat(first.migrationsExecuted()).isEqualTo(ShippedMigrations.count());
            new JdbcNodeRegistry(first).recordStart("mx1", "a", "1", T0);

            try (HeraldDataSource second = HeraldDataSource.open(configuration(database))) {
                assertThat(second.migrationsExecuted()).isZero();
                assertThat(second.schemaVersion()).isEqualTo(ShippedMigrations.latestVersion());
                assertThat(new JdbcNodeRegistry(second).all()).containsExactly(new HeraldNode("mx1", "a", "1", T0, T0));
                try (Connection connection = second.connection();
                     Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(
                         "SELECT count(*) FROM " + HeraldDataSource.SCHEMA_HISTORY_TABLE + " WHERE version = '1' AND success")) {
                    rows.next();
                    assertThat(rows.getInt(1)).as("V1 recorded once").isEqualTo(1);
                }
            }
        }
    }

    @Test
    void dataOutlivesTheDataSource(PostgresServer server) {
        PostgresServer.Database database = server.createDatabase();
        try (HeraldDataSource store = HeraldDataSource.open(configuration(database))) {
            new JdbcNodeRegistry(store).recordStart("mx1", "a", "1", T0);
        }

        try (HeraldDataSource store = HeraldDataSource.open(configuration(database))) {
            assertThat(new JdbcNodeRegistry(store).find("mx1")).isPresent();
        }
    }

    @Test
    void aWrongPasswordNamesTheUrlAndSaysToCheckTheCredentials(PostgresServer server) {
        PostgresServer.Database database = server.createDatabase();
        StoreConfiguration.Postgres wrong = new StoreConfiguration.Postgres(
            database.jdbcUrl(), database.user(), Secret.of("not-the-password"), 2);

        assertThatThrownBy(() -> HeraldDataSource.open(wrong))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining("Cannot connect to the PostgreSQL store at " + database.jdbcUrl() + " as user herald")
            .hasMessageContaining("password authentication failed")
            .hasMessageContaining("check the user and password")
            .hasMessageNotContaining("not-the-password");
    }

    @Test
    void aMissingDatabaseSaysToCreateIt(PostgresServer server) {
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/no_such_database";

        assertThatThrownBy(() -> HeraldDataSource.open(
            new StoreConfiguration.Postgres(url, server.user(), Secret.of(server.password()), 2)))
            .isInstanceOf(StoreUnavailableException.class)
            .hasMessageContaining(url)
            .hasMessageContaining("create the database");
    }
}
