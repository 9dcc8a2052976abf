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
 * {@link DmarcEvaluationStore} over {@code herald_dmarc_row}, for both the embedded and the PostgreSQL backend; rows
 * of the same identity add up through {@link AddOrInsert}, so concurrent sessions lose no count.
 */
public final class JdbcDmarcEvaluationStore implements DmarcEvaluationStore {
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
        try (Connection connection = dataSource.getConnection()) {
            AddOrInsert.run(connection, "UPDATE herald_dmarc_row SET message_count = message_count + ? WHERE row_key = ?", update -> {
                    update.setLong(1, row.count());
                    update.setString(2, key);
                },
                "INSERT INTO herald_dmarc_row (row_key, period_start, policy_domain, row_data, message_count) VALUES (?, ?, ?, ?, ?)",
                insert -> {
                    insert.setString(1, key);
                    insert.setObject(2, OffsetDateTime.ofInstant(row.periodStart(), ZoneOffset.UTC));
                    insert.setString(3, row.policyDomain());
                    insert.setString(4, encoded);
                    insert.setLong(5, row.count());
                });
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot record a DMARC evaluation for " + row.policyDomain(), e);
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
