package org.herald.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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

import org.herald.core.greylist.GreylistRecord;
import org.herald.core.greylist.Triplet;
import org.herald.core.store.GreylistTripletStore;

/**
 * {@link GreylistTripletStore} over the {@code herald_greylist_triplet} table, for both the embedded and the PostgreSQL
 * backend. Timestamps are truncated to microseconds on the way in, so what is read back equals what was written.
 *
 * <p>{@link #insertFirstSight} is a plain INSERT: when another node inserted the same triplet first, the unique
 * violation (SQLState 23505 on both backends) becomes {@code false}, and the policy re-reads the row.
 */
public final class JdbcGreylistTripletStore implements GreylistTripletStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "client_network, sender, recipient, first_seen, last_seen, passed, pass_count";
    private static final String KEY = "client_network = ? AND sender = ? AND recipient = ?";

    private final DataSource dataSource;

    public JdbcGreylistTripletStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcGreylistTripletStore(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public Optional<GreylistRecord> find(Triplet triplet) {
        return select("SELECT " + COLUMNS + " FROM herald_greylist_triplet WHERE " + KEY, "the greylist triplet " + triplet,
            triplet.clientNetwork(), triplet.sender(), triplet.recipient()).stream().findFirst();
    }

    @Override
    public boolean insertFirstSight(GreylistRecord record) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                 "INSERT INTO herald_greylist_triplet (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            Triplet triplet = record.triplet();
            insert.setString(1, triplet.clientNetwork());
            insert.setString(2, triplet.sender());
            insert.setString(3, triplet.recipient());
            bindTimes(insert, record, 4);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreAccessException("Cannot store the greylist triplet " + record.triplet(), e);
        }
    }

    @Override
    public boolean update(GreylistRecord record) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                 "UPDATE herald_greylist_triplet SET first_seen = ?, last_seen = ?, passed = ?, pass_count = ? WHERE " + KEY)) {
            int index = bindTimes(update, record, 1);
            Triplet triplet = record.triplet();
            update.setString(index++, triplet.clientNetwork());
            update.setString(index++, triplet.sender());
            update.setString(index, triplet.recipient());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot update the greylist triplet " + record.triplet(), e);
        }
    }

    @Override
    public boolean delete(Triplet triplet) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM herald_greylist_triplet WHERE " + KEY)) {
            delete.setString(1, triplet.clientNetwork());
            delete.setString(2, triplet.sender());
            delete.setString(3, triplet.recipient());
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot delete the greylist triplet " + triplet, e);
        }
    }

    @Override
    public List<GreylistRecord> forNetwork(String clientNetwork) {
        List<GreylistRecord> records = new ArrayList<>(select(
            "SELECT " + COLUMNS + " FROM herald_greylist_triplet WHERE client_network = ?",
            "the greylist triplets of " + clientNetwork, clientNetwork));
        // Sorted here, not by ORDER BY: the backends' collations differ.
        records.sort(Comparator.comparing(GreylistRecord::firstSeen)
            .thenComparing(record -> record.triplet().sender())
            .thenComparing(record -> record.triplet().recipient()));
        return List.copyOf(records);
    }

    @Override
    public int deleteUnseenSince(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM herald_greylist_triplet WHERE last_seen < ?")) {
            delete.setObject(1, time(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot purge greylist triplets unseen since " + cutoff, e);
        }
    }

    @Override
    public long count() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM herald_greylist_triplet");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot count the greylist triplets", e);
        }
    }

    private List<GreylistRecord> select(String sql, String what, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<GreylistRecord> records = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    records.add(read(rows));
                }
            }
            return records;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read " + what, e);
        }
    }

    /** Binds first_seen, last_seen, passed and pass_count from {@code index} on; returns the next free index. */
    private static int bindTimes(PreparedStatement statement, GreylistRecord record, int index) throws SQLException {
        statement.setObject(index++, time(record.firstSeen()));
        statement.setObject(index++, time(record.lastSeen()));
        statement.setObject(index++, record.passed().map(JdbcGreylistTripletStore::time).orElse(null),
            Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(index++, record.passCount());
        return index;
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static GreylistRecord read(ResultSet rows) throws SQLException {
        return new GreylistRecord(
            new Triplet(rows.getString("client_network"), rows.getString("sender"), rows.getString("recipient")),
            rows.getObject("first_seen", OffsetDateTime.class).toInstant(),
            rows.getObject("last_seen", OffsetDateTime.class).toInstant(),
            Optional.ofNullable(rows.getObject("passed", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
            rows.getInt("pass_count"));
    }
}
