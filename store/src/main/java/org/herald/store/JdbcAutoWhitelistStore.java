package org.herald.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.herald.core.greylist.AutoWhitelistEntry;
import org.herald.core.store.AutoWhitelistStore;

/**
 * {@link AutoWhitelistStore} over the {@code herald_greylist_auto_whitelist} table, for both the embedded and the
 * PostgreSQL backend.
 *
 * <p>{@link #recordPass} increments in the database ({@code SET passes = passes + 1}), so concurrent passes on many
 * nodes are all counted: the row lock serialises them. It reads the count back in the same transaction, while it
 * still holds that lock, so the count returned is the one its own increment made. The first pass of a network is an
 * INSERT when the UPDATE matched nothing; two nodes racing on that INSERT make one fail with a unique violation, and
 * that one is retried (its UPDATE then finds the row). H2 may report the race as a concurrent update (90131) or a
 * lock timeout instead; those are retried too.
 */
public final class JdbcAutoWhitelistStore implements AutoWhitelistStore {
    private static final Set<String> RETRYABLE = Set.of("23505", "90131", "HYT00", "40001", "40P01");
    private static final int ATTEMPTS = 5;
    private static final String COLUMNS = "client_network, passes, first_passed, last_seen";

    private final DataSource dataSource;

    public JdbcAutoWhitelistStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcAutoWhitelistStore(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public int recordPass(String clientNetwork, Instant now) {
        Objects.requireNonNull(clientNetwork, "clientNetwork");
        OffsetDateTime time = time(now);
        for (int attempt = 1; ; attempt++) {
            try {
                return increment(clientNetwork, time);
            } catch (SQLException e) {
                if (!RETRYABLE.contains(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw new StoreAccessException("Cannot count a greylist pass of " + clientNetwork, e);
                }
            }
        }
    }

    private int increment(String clientNetwork, OffsetDateTime now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE herald_greylist_auto_whitelist SET passes = passes + 1, last_seen = ? WHERE client_network = ?")) {
                    update.setObject(1, now);
                    update.setString(2, clientNetwork);
                    updated = update.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO herald_greylist_auto_whitelist (" + COLUMNS + ") VALUES (?, 1, ?, ?)")) {
                        insert.setString(1, clientNetwork);
                        insert.setObject(2, now);
                        insert.setObject(3, now);
                        insert.executeUpdate();
                    }
                }
                int passes = find(connection, clientNetwork).map(AutoWhitelistEntry::passes)
                    .orElseThrow(() -> new SQLException("network " + clientNetwork + " vanished inside its own transaction"));
                connection.commit();
                return passes;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    @Override
    public Optional<AutoWhitelistEntry> find(String clientNetwork) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, clientNetwork);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read the greylist passes of " + clientNetwork, e);
        }
    }

    private static Optional<AutoWhitelistEntry> find(Connection connection, String clientNetwork) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM herald_greylist_auto_whitelist WHERE client_network = ?")) {
            select.setString(1, clientNetwork);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    @Override
    public boolean touch(String clientNetwork, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                 "UPDATE herald_greylist_auto_whitelist SET last_seen = ? WHERE client_network = ?")) {
            update.setObject(1, time(now));
            update.setString(2, clientNetwork);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot mark " + clientNetwork + " seen", e);
        }
    }

    @Override
    public List<AutoWhitelistEntry> all() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM herald_greylist_auto_whitelist");
             ResultSet rows = select.executeQuery()) {
            List<AutoWhitelistEntry> entries = new ArrayList<>();
            while (rows.next()) {
                entries.add(read(rows));
            }
            // Sorted here, not by ORDER BY: the backends' collations differ.
            entries.sort(Comparator.comparing(AutoWhitelistEntry::clientNetwork));
            return List.copyOf(entries);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot list the auto-whitelisted networks", e);
        }
    }

    @Override
    public boolean delete(String clientNetwork) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                 "DELETE FROM herald_greylist_auto_whitelist WHERE client_network = ?")) {
            delete.setString(1, clientNetwork);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot delete the greylist passes of " + clientNetwork, e);
        }
    }

    @Override
    public int deleteUnseenSince(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                 "DELETE FROM herald_greylist_auto_whitelist WHERE last_seen < ?")) {
            delete.setObject(1, time(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot purge auto-whitelisted networks unseen since " + cutoff, e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static AutoWhitelistEntry read(ResultSet rows) throws SQLException {
        return new AutoWhitelistEntry(
            rows.getString("client_network"),
            rows.getInt("passes"),
            rows.getObject("first_passed", OffsetDateTime.class).toInstant(),
            rows.getObject("last_seen", OffsetDateTime.class).toInstant());
    }
}
