package org.herald.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.herald.core.dmarc.DmarcEvaluationRow;
import org.herald.core.store.DmarcEvaluationStore;

/**
 * {@link DmarcEvaluationStore} over {@code herald_dmarc_row}, for both the embedded and the PostgreSQL backend. Adding
 * to a row is an UPDATE … SET message_count = message_count + n, then an INSERT when no row matched; two sessions
 * racing to insert the same row make one INSERT fail with a unique violation, and that one retries its UPDATE. No
 * count is lost, without MERGE or ON CONFLICT (whose support differs between H2 and PostgreSQL).
 */
public final class JdbcDmarcEvaluationStore implements DmarcEvaluationStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;

    public JdbcDmarcEvaluationStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcDmarcEvaluationStore(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public void record(DmarcEvaluationRow row) {
        String encoded = DmarcRowCodec.encode(row);
        String key = DmarcRowCodec.key(encoded);
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                if (addTo(connection, key, row.count()) == 0) {
                    insert(connection, key, row, encoded);
                }
                return;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw new StoreAccessException("Cannot record a DMARC evaluation for " + row.policyDomain(), e);
                }
            }
        }
    }

    private static int addTo(Connection connection, String key, long count) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE herald_dmarc_row SET message_count = message_count + ? WHERE row_key = ?")) {
            update.setLong(1, count);
            update.setString(2, key);
            return update.executeUpdate();
        }
    }

    private static void insert(Connection connection, String key, DmarcEvaluationRow row, String encoded) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO herald_dmarc_row (row_key, period_start, policy_domain, row_data, message_count) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setObject(2, OffsetDateTime.ofInstant(row.periodStart(), ZoneOffset.UTC));
            insert.setString(3, row.policyDomain());
            insert.setString(4, encoded);
            insert.setLong(5, row.count());
            insert.executeUpdate();
        }
    }

    @Override
    public List<DmarcEvaluationRow> forPolicyDomainAndPeriod(String policyDomain, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT row_data, message_count FROM herald_dmarc_row "
                 + "WHERE policy_domain = ? AND period_start >= ? AND period_start < ?")) {
            select.setString(1, policyDomain);
            select.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            select.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            List<DmarcEvaluationRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(DmarcRowCodec.decode(result.getString(1), result.getLong(2)));
                }
            }
            // A stable order for reports and tests, whatever the backend's.
            rows.sort(Comparator.comparing(DmarcEvaluationRow::periodStart).thenComparing(DmarcRowCodec::encode));
            return List.copyOf(rows);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read the DMARC evaluations of " + policyDomain, e);
        }
    }

    @Override
    public List<String> policyDomainsWithRows(Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT DISTINCT policy_domain FROM herald_dmarc_row "
                 + "WHERE period_start >= ? AND period_start < ?")) {
            select.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            select.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            List<String> domains = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    domains.add(result.getString(1));
                }
            }
            domains.sort(null);
            return List.copyOf(domains);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot list the domains with DMARC evaluations", e);
        }
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM herald_dmarc_row WHERE period_start < ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot delete old DMARC evaluations", e);
        }
    }
}
