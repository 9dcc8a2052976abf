package org.herald.store;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool to Herald's state store, with the schema migrated to the current version. Open one per process
 * at start-up with {@link #open(StoreConfiguration)}, hand {@link #dataSource()} to the JDBC stores, close it at
 * shutdown.
 *
 * <p>Embedded: H2 in {@code <directory>/herald.mv.db}, PostgreSQL compatibility mode so the same SQL and migrations run
 * on both backends. WRITE_DELAY=0 hands every commit to the operating system before the call returns, so a process
 * killed with SIGKILL loses no committed state (with H2's default of 500 ms it does: see EmbeddedStoreTest); H2 does
 * not fsync each commit, so a power loss may still lose the last commits. H2 locks the file: a second process opening
 * the same directory fails with a clear message.
 *
 * <p>Failure policy: if the store cannot be opened or migrated, {@link #open} throws {@link StoreUnavailableException}
 * and Herald does not start. Later outages surface as exceptions from the stores; the pool reconnects by itself.
 */
public final class HeraldDataSource implements AutoCloseable {
    /** Flyway's history table; prefixed so a PostgreSQL database shared with other software stays readable. */
    public static final String SCHEMA_HISTORY_TABLE = "herald_schema_history";
    public static final String MIGRATIONS_LOCATION = "classpath:db/herald";
    static final int EMBEDDED_POOL_SIZE = 8;
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final Logger LOGGER = LoggerFactory.getLogger(HeraldDataSource.class);

    private final StoreConfiguration configuration;
    private final HikariDataSource pool;
    private final int migrationsExecuted;
    private final String schemaVersion;

    private HeraldDataSource(StoreConfiguration configuration, HikariDataSource pool, int migrationsExecuted, String schemaVersion) {
        this.configuration = configuration;
        this.pool = pool;
        this.migrationsExecuted = migrationsExecuted;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Connects (creating the embedded directory if needed) and applies pending migrations.
     *
     * @throws StoreUnavailableException when the store cannot be reached or migrated; the message says what to check
     */
    public static HeraldDataSource open(StoreConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        HikariDataSource pool = createPool(configuration);
        try {
            MigrateResult result = migrate(configuration, pool);
            String version = Optional.ofNullable(result.targetSchemaVersion)
                .or(() -> Optional.ofNullable(result.initialSchemaVersion))
                .orElse("none");
            LOGGER.info("Opened the {} (schema version {}, {} migration(s) applied now)",
                configuration.describe(), version, result.migrationsExecuted);
            return new HeraldDataSource(configuration, pool, result.migrationsExecuted, version);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource createPool(StoreConfiguration configuration) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("herald-store");
        config.setAutoCommit(true);
        // Try once at start-up and fail: an unreachable store must stop start-up with a clear message, not hang.
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        if (configuration instanceof StoreConfiguration.Embedded embedded) {
            try {
                Files.createDirectories(embedded.directory());
            } catch (IOException e) {
                throw new StoreUnavailableException("Cannot create the embedded store directory " + embedded.directory()
                    + " (" + e + ") — check that the user running Herald may write to the data directory", e);
            }
            config.setJdbcUrl(embeddedJdbcUrl(embedded));
            config.setUsername("herald");
            config.setPassword("");
            config.setMaximumPoolSize(EMBEDDED_POOL_SIZE);
        } else if (configuration instanceof StoreConfiguration.Postgres postgres) {
            config.setJdbcUrl(postgres.jdbcUrl());
            config.setUsername(postgres.user());
            config.setPassword(postgres.password().reveal());
            config.setMaximumPoolSize(postgres.poolSize());
            config.setMinimumIdle(Math.min(2, postgres.poolSize()));
            config.addDataSourceProperty("connectTimeout", "10");
            config.addDataSourceProperty("ApplicationName", "herald");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw unavailable(configuration, e);
        }
    }

    /** H2 in PostgreSQL mode, lower-case identifiers like PostgreSQL, each commit written out before it returns. */
    static String embeddedJdbcUrl(StoreConfiguration.Embedded embedded) {
        return "jdbc:h2:file:" + embedded.directory().resolve("herald")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    private static MigrateResult migrate(StoreConfiguration configuration, DataSource pool) {
        try {
            return Flyway.configure(HeraldDataSource.class.getClassLoader())
                .dataSource(pool)
                .locations(MIGRATIONS_LOCATION)
                .table(SCHEMA_HISTORY_TABLE)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load()
                .migrate();
        } catch (FlywayException e) {
            throw new StoreUnavailableException("Cannot bring the schema of the " + configuration.describe()
                + " up to date: " + e.getMessage() + " — check that the database user may create tables, and that no newer "
                + "Herald has already migrated this database", e);
        }
    }

    private static StoreUnavailableException unavailable(StoreConfiguration configuration, Throwable failure) {
        Optional<SQLException> sql = sqlCause(failure);
        String detail = sql.map(Throwable::getMessage).orElse(failure.getMessage());
        String state = sql.map(SQLException::getSQLState).orElse("");
        String message;
        if (configuration instanceof StoreConfiguration.Postgres postgres) {
            message = "Cannot connect to the PostgreSQL store at " + postgres.jdbcUrl() + " as user " + postgres.user()
                + ": " + detail + " — " + postgresAdvice(state);
        } else if (sql.filter(e -> e.getErrorCode() == H2_DATABASE_ALREADY_OPEN).isPresent()) {
            message = "The " + configuration.describe() + " is in use by another process — check that no other Herald "
                + "runs with the same data directory (" + detail + ")";
        } else {
            message = "Cannot open the " + configuration.describe() + ": " + detail
                + " — check that the directory is writable and the files in it are not damaged";
        }
        return new StoreUnavailableException(message, failure);
    }

    private static String postgresAdvice(String sqlState) {
        if (sqlState.startsWith("28")) {
            return "check the user and password in conf/store.xml (passwordEnv/passwordFile) and pg_hba.conf on the server";
        }
        if (sqlState.equals("3D000")) {
            return "create the database (CREATE DATABASE ... OWNER <user>) or correct the url in conf/store.xml";
        }
        return "check that PostgreSQL is running, listens on that host and port (listen_addresses, firewall), "
            + "and that the url in conf/store.xml is right";
    }

    private static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    public DataSource dataSource() {
        return pool;
    }

    /** A connection from the pool; callers close it. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public StoreConfiguration configuration() {
        return configuration;
    }

    /** How many migrations {@link #open} applied (0 when the schema was already current). */
    public int migrationsExecuted() {
        return migrationsExecuted;
    }

    /** The schema version after {@link #open}, e.g. "1". */
    public String schemaVersion() {
        return schemaVersion;
    }

    public boolean isClosed() {
        return pool.isClosed();
    }

    /** Closes the pool; for the embedded store this also closes the H2 database, releasing its file lock. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "HeraldDataSource[" + configuration.describe() + "]";
    }
}
