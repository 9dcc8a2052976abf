package org.herald.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.herald.core.greylist.WhitelistEntry;
import org.herald.core.greylist.WhitelistKind;
import org.herald.core.store.GreylistWhitelistStore;

/**
 * {@link GreylistWhitelistStore} over the {@code herald_greylist_whitelist} table, for both the embedded and the
 * PostgreSQL backend. Adding an entry twice (or on two nodes at once) meets the primary key: the unique violation
 * (SQLState 23505) means the entry is there, which is all {@link #add} promises.
 */
public final class JdbcGreylistWhitelistStore implements GreylistWhitelistStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public JdbcGreylistWhitelistStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcGreylistWhitelistStore(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public void add(WhitelistEntry entry) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                 "INSERT INTO herald_greylist_whitelist (kind, entry) VALUES (?, ?)")) {
            insert.setString(1, entry.kind().name());
            insert.setString(2, entry.value());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new StoreAccessException("Cannot add the greylist whitelist entry " + entry, e);
            }
        }
    }

    @Override
    public boolean remove(WhitelistEntry entry) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                 "DELETE FROM herald_greylist_whitelist WHERE kind = ? AND entry = ?")) {
            delete.setString(1, entry.kind().name());
            delete.setString(2, entry.value());
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot remove the greylist whitelist entry " + entry, e);
        }
    }

    @Override
    public List<WhitelistEntry> all() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT kind, entry FROM herald_greylist_whitelist");
             ResultSet rows = select.executeQuery()) {
            List<WhitelistEntry> entries = new ArrayList<>();
            while (rows.next()) {
                // Stored entries were validated on the way in; new WhitelistEntry keeps them as written.
                entries.add(new WhitelistEntry(WhitelistKind.valueOf(rows.getString("kind")), rows.getString("entry")));
            }
            // Sorted here, not by ORDER BY: the backends' collations differ.
            entries.sort(Comparator.comparing(WhitelistEntry::kind).thenComparing(WhitelistEntry::value));
            return List.copyOf(entries);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read the greylist whitelist", e);
        }
    }

    @Override
    public List<WhitelistEntry> list(WhitelistKind kind) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT entry FROM herald_greylist_whitelist WHERE kind = ?")) {
            select.setString(1, kind.name());
            List<WhitelistEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new WhitelistEntry(kind, rows.getString("entry")));
                }
            }
            entries.sort(Comparator.comparing(WhitelistEntry::value));
            return List.copyOf(entries);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read the greylist whitelist " + kind.pathLabel(), e);
        }
    }
}
