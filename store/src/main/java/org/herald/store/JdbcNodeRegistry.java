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

import javax.sql.DataSource;

import org.herald.core.node.HeraldNode;
import org.herald.core.store.NodeRegistry;

/**
 * {@link NodeRegistry} over the {@code herald_node} table, for both the embedded and the PostgreSQL backend.
 *
 * <p>The upsert is an UPDATE, then an INSERT when no row matched, in one transaction. Two nodes racing to insert the
 * same id make one INSERT fail with a unique violation (SQLState 23505 on both backends); that transaction is rolled
 * back and retried, and the retry's UPDATE finds the row. This avoids MERGE and ON CONFLICT, whose support differs
 * between H2 and PostgreSQL.
 */
public final class JdbcNodeRegistry implements NodeRegistry {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 5;
    private static final String COLUMNS = "node_id, hostname, version, first_started, last_started";

    private final DataSource dataSource;

    public JdbcNodeRegistry(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcNodeRegistry(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public HeraldNode recordStart(String nodeId, String hostname, String version, Instant now) {
        Objects.requireNonNull(now, "now");
        // Validate before touching the store; both backends keep microseconds, so truncate to what will be read back.
        Instant stored = now.truncatedTo(ChronoUnit.MICROS);
        HeraldNode.firstStart(nodeId, hostname, version, stored);
        for (int attempt = 1; ; attempt++) {
            try {
                return upsert(nodeId, hostname, version, stored);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw new StoreAccessException("Cannot record the start of node " + nodeId, e);
                }
            }
        }
    }

    private HeraldNode upsert(String nodeId, String hostname, String version, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                OffsetDateTime time = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
                int updated;
                // LEAST keeps first_started <= last_started even when a clock went backwards (see HeraldNode#restarted).
                try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE herald_node SET hostname = ?, version = ?, last_started = ?, "
                        + "first_started = LEAST(first_started, ?) WHERE node_id = ?")) {
                    update.setString(1, hostname);
                    update.setString(2, version);
                    update.setObject(3, time);
                    update.setObject(4, time);
                    update.setString(5, nodeId);
                    updated = update.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO herald_node (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                        insert.setString(1, nodeId);
                        insert.setString(2, hostname);
                        insert.setString(3, version);
                        insert.setObject(4, time);
                        insert.setObject(5, time);
                        insert.executeUpdate();
                    }
                }
                HeraldNode node = find(connection, nodeId)
                    .orElseThrow(() -> new SQLException("node " + nodeId + " vanished inside its own transaction"));
                connection.commit();
                return node;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    @Override
    public Optional<HeraldNode> find(String nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, nodeId);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read node " + nodeId, e);
        }
    }

    private static Optional<HeraldNode> find(Connection connection, String nodeId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM herald_node WHERE node_id = ?")) {
            select.setString(1, nodeId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    @Override
    public List<HeraldNode> all() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM herald_node");
             ResultSet rows = select.executeQuery()) {
            List<HeraldNode> nodes = new ArrayList<>();
            while (rows.next()) {
                nodes.add(read(rows));
            }
            // Sorted here, not by ORDER BY: PostgreSQL orders by the database's collation, H2 by code units.
            nodes.sort(Comparator.comparing(HeraldNode::nodeId));
            return List.copyOf(nodes);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot list the nodes", e);
        }
    }

    private static HeraldNode read(ResultSet rows) throws SQLException {
        return new HeraldNode(
            rows.getString("node_id"),
            rows.getString("hostname"),
            rows.getString("version"),
            rows.getObject("first_started", OffsetDateTime.class).toInstant(),
            rows.getObject("last_started", OffsetDateTime.class).toInstant());
    }
}
