package org.herald.testpeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresServerTest {

    @Test
    void sharedServerServesItsDatabaseToItsUserOnLoopback(PostgresServer server) throws Exception {
        assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/herald");
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                 "SELECT current_user, current_database(), current_setting('server_version_num')::int, "
                     + "current_setting('listen_addresses'), current_setting('fsync'), "
                     + "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("herald");
            assertThat(result.getString(2)).isEqualTo("herald");
            assertThat(result.getInt(3) / 10000).isEqualTo(Integer.parseInt(server.majorVersion()));
            assertThat(result.getString(4)).isEqualTo("127.0.0.1");
            assertThat(result.getString(5)).isEqualTo("off");
            assertThat(result.getBoolean(6)).as("the test user is not a superuser").isFalse();
        }
    }

    @Test
    void rejectsAWrongPassword(PostgresServer server) {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "wrong").close())
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("password authentication failed");
    }

    @Test
    void createsIndependentDatabasesTheUserCanCreateTablesIn(PostgresServer server) throws Exception {
        PostgresServer.Database first = server.createDatabase();
        PostgresServer.Database second = server.createDatabase();

        assertThat(first.name()).isNotEqualTo(second.name());
        try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.user(), first.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id int PRIMARY KEY)");
            statement.execute("INSERT INTO t VALUES (1)");
        }
        try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), second.user(), second.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'")) {
            result.next();
            assertThat(result.getInt(1)).isZero();
        }
    }

    @Test
    void aPrivateServerStopsAndLeavesNothingBehind() {
        Assumptions.assumeTrue(PostgresServer.binariesAvailable(), PostgresServer.INSTALL_HINT);
        PostgresServer server = PostgresServer.start();
        Path directory = server.directory();
        int port = server.port();
        assertThat(server.isRunning()).isTrue();
        assertThat(directory).isDirectory();

        server.close();

        assertThat(FreePorts.isListening(port)).isFalse();
        assertThat(Files.exists(directory)).isFalse();
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(server::createDatabase).isInstanceOf(IllegalStateException.class);
        server.close();
    }

    @Test
    void findsTheBinariesOfTheInstalledVersion() {
        Assumptions.assumeTrue(PostgresServer.binariesAvailable(), PostgresServer.INSTALL_HINT);

        Path bin = PostgresServer.findBinDirectory().orElseThrow();

        assertThat(bin.resolve("initdb")).isExecutable();
        assertThat(bin.resolve("pg_ctl")).isExecutable();
    }
}
