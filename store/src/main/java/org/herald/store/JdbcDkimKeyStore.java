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

import org.herald.core.dkim.DkimAlgorithm;
import org.herald.core.dkim.keys.DkimKey;
import org.herald.core.dkim.keys.DnsCheck;
import org.herald.core.dkim.keys.DnsCheckOutcome;
import org.herald.core.dkim.keys.SealedPrivateKey;
import org.herald.core.dkim.keys.SelectorState;
import org.herald.core.store.DkimKeyStore;

/**
 * {@link DkimKeyStore} over the {@code herald_dkim_key} table, for both the embedded and the PostgreSQL backend.
 * Timestamps are truncated to microseconds on the way in, so what is read back equals what was written.
 */
public final class JdbcDkimKeyStore implements DkimKeyStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "domain, selector, algorithm, state, public_key, private_key, origin, created, "
        + "activated, retiring, retired, check_outcome, check_detail, checked_at";

    private final DataSource dataSource;

    public JdbcDkimKeyStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcDkimKeyStore(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public void insert(DkimKey key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                 "INSERT INTO herald_dkim_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, key);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new DuplicateSelectorException(key.domain(), key.selector());
            }
            throw new StoreAccessException("Cannot store DKIM selector " + key.selector() + " of " + key.domain(), e);
        }
    }

    @Override
    public Optional<DkimKey> find(String domain, String selector) {
        List<DkimKey> found = select("SELECT " + COLUMNS + " FROM herald_dkim_key WHERE domain = ? AND selector = ?",
            "DKIM selector " + selector + " of " + domain, domain, selector);
        return found.stream().findFirst();
    }

    @Override
    public List<DkimKey> forDomain(String domain) {
        List<DkimKey> keys = new ArrayList<>(select("SELECT " + COLUMNS + " FROM herald_dkim_key WHERE domain = ?",
            "the DKIM keys of " + domain, domain));
        keys.sort(Comparator.comparing(DkimKey::created).thenComparing(DkimKey::selector));
        return List.copyOf(keys);
    }

    @Override
    public List<DkimKey> inStates(Set<SelectorState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(", ", states.stream().map(state -> "?").toList());
        List<DkimKey> keys = new ArrayList<>(select("SELECT " + COLUMNS + " FROM herald_dkim_key WHERE state IN (" + placeholders + ")",
            "the DKIM keys in states " + states, states.stream().map(SelectorState::name).toArray()));
        // Sorted here, not by ORDER BY: the backends' collations differ.
        keys.sort(Comparator.comparing(DkimKey::domain).thenComparing(DkimKey::created).thenComparing(DkimKey::selector));
        return List.copyOf(keys);
    }

    @Override
    public boolean replace(DkimKey expected, DkimKey updated) {
        if (!expected.domain().equals(updated.domain()) || !expected.selector().equals(updated.selector())) {
            throw new IllegalArgumentException("replace() keeps domain and selector; got " + expected.selector() + " -> " + updated.selector());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                 "UPDATE herald_dkim_key SET algorithm = ?, state = ?, public_key = ?, private_key = ?, origin = ?, "
                     + "created = ?, activated = ?, retiring = ?, retired = ?, check_outcome = ?, check_detail = ?, "
                     + "checked_at = ? WHERE domain = ? AND selector = ? AND state = ?")) {
            int index = bindValues(update, updated, 1);
            update.setString(index++, updated.domain());
            update.setString(index++, updated.selector());
            update.setString(index, expected.state().name());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot update DKIM selector " + updated.selector() + " of " + updated.domain(), e);
        }
    }

    @Override
    public boolean delete(String domain, String selector, SelectorState expectedState) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                 "DELETE FROM herald_dkim_key WHERE domain = ? AND selector = ? AND state = ?")) {
            delete.setString(1, domain);
            delete.setString(2, selector);
            delete.setString(3, expectedState.name());
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot delete DKIM selector " + selector + " of " + domain, e);
        }
    }

    private List<DkimKey> select(String sql, String what, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<DkimKey> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(read(rows));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read " + what, e);
        }
    }

    private static void bind(PreparedStatement statement, DkimKey key) throws SQLException {
        statement.setString(1, key.domain());
        statement.setString(2, key.selector());
        bindValues(statement, key, 3);
    }

    /** Binds every column but domain and selector, from {@code index} on; returns the next free index. */
    private static int bindValues(PreparedStatement statement, DkimKey key, int index) throws SQLException {
        statement.setString(index++, key.algorithm().name());
        statement.setString(index++, key.state().name());
        statement.setString(index++, key.publicKey());
        statement.setBytes(index++, key.privateKey().bytes());
        statement.setString(index++, key.origin());
        statement.setObject(index++, time(key.created()));
        statement.setObject(index++, key.activated().map(JdbcDkimKeyStore::time).orElse(null));
        statement.setObject(index++, key.retiring().map(JdbcDkimKeyStore::time).orElse(null));
        statement.setObject(index++, key.retired().map(JdbcDkimKeyStore::time).orElse(null));
        statement.setString(index++, key.lastCheck().outcome().name());
        statement.setString(index++, key.lastCheck().detail());
        statement.setObject(index++, key.lastCheck().checkedAt().map(JdbcDkimKeyStore::time).orElse(null));
        return index;
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Optional<Instant> optionalTime(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static DkimKey read(ResultSet rows) throws SQLException {
        return new DkimKey(
            rows.getString("domain"),
            rows.getString("selector"),
            DkimAlgorithm.valueOf(rows.getString("algorithm")),
            SelectorState.valueOf(rows.getString("state")),
            rows.getString("public_key"),
            new SealedPrivateKey(rows.getBytes("private_key")),
            rows.getString("origin"),
            rows.getObject("created", OffsetDateTime.class).toInstant(),
            optionalTime(rows, "activated"),
            optionalTime(rows, "retiring"),
            optionalTime(rows, "retired"),
            new DnsCheck(DnsCheckOutcome.valueOf(rows.getString("check_outcome")), rows.getString("check_detail"),
                optionalTime(rows, "checked_at")));
    }
}
