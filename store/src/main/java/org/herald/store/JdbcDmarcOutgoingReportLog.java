package org.herald.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.herald.core.dmarc.outgoing.OutgoingReportEntry;
import org.herald.core.store.DmarcOutgoingReportLog;

/**
 * {@link DmarcOutgoingReportLog} over {@code herald_dmarc_outgoing_report}, for both the embedded and the PostgreSQL
 * backend. A daily entry is claimed by its INSERT: the unique (policy_domain, daily_key) constraint refuses a second
 * one, whichever node tries.
 */
public final class JdbcDmarcOutgoingReportLog implements DmarcOutgoingReportLog {
    private static final String COLUMNS = "id, policy_domain, report_day, trigger_kind, outcome, recipients, notes, report_id, "
        + "size_bytes, decided_at";

    private final DataSource dataSource;

    public JdbcDmarcOutgoingReportLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcDmarcOutgoingReportLog(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public Optional<OutgoingReportEntry> logDaily(OutgoingReportEntry entry) {
        try {
            return Optional.of(insert(entry, true));
        } catch (SQLException e) {
            if (AddOrInsert.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw new StoreAccessException("Cannot log the DMARC report of " + entry.policyDomain() + " for " + entry.day(), e);
        }
    }

    @Override
    public OutgoingReportEntry logOnDemand(OutgoingReportEntry entry) {
        try {
            return insert(entry, false);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot log the DMARC report of " + entry.policyDomain() + " for " + entry.day(), e);
        }
    }

    private OutgoingReportEntry insert(OutgoingReportEntry entry, boolean daily) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO herald_dmarc_outgoing_report (policy_domain, "
                 + "report_day, daily_key, trigger_kind, outcome, recipients, notes, report_id, size_bytes, decided_at) "
                 + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, entry.policyDomain());
            insert.setObject(2, entry.day());
            insert.setObject(3, daily ? entry.day() : null, java.sql.Types.DATE);
            insert.setString(4, entry.trigger().name());
            insert.setString(5, entry.outcome().name());
            insert.setString(6, lines(entry.recipients()));
            insert.setString(7, lines(entry.notes()));
            insert.setString(8, entry.reportId().orElse(null));
            insert.setInt(9, entry.bytes());
            insert.setObject(10, OffsetDateTime.ofInstant(entry.decidedAt(), ZoneOffset.UTC));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new entry");
                }
                return entry.withId(keys.getLong(1));
            }
        }
    }

    @Override
    public void update(OutgoingReportEntry entry) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                 "UPDATE herald_dmarc_outgoing_report SET outcome = ?, notes = ? WHERE id = ?")) {
            update.setString(1, entry.outcome().name());
            update.setString(2, lines(entry.notes()));
            update.setLong(3, entry.id());
            if (update.executeUpdate() == 0) {
                throw new IllegalArgumentException("no logged DMARC report has the id " + entry.id());
            }
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot update the DMARC report log entry " + entry.id(), e);
        }
    }

    @Override
    public Set<String> dailyDomains(LocalDate day) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT policy_domain FROM herald_dmarc_outgoing_report WHERE daily_key = ?")) {
            select.setObject(1, day);
            Set<String> domains = new HashSet<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    domains.add(result.getString(1));
                }
            }
            return Set.copyOf(domains);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read the DMARC reports logged for " + day, e);
        }
    }

    @Override
    public List<OutgoingReportEntry> list(LocalDate from, LocalDate to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM herald_dmarc_outgoing_report "
                 + "WHERE report_day >= ? AND report_day <= ? ORDER BY report_day, id")) {
            select.setObject(1, from);
            select.setObject(2, to);
            List<OutgoingReportEntry> entries = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    entries.add(entry(result));
                }
            }
            return List.copyOf(entries);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read the DMARC reports logged from " + from + " to " + to, e);
        }
    }

    private static OutgoingReportEntry entry(ResultSet result) throws SQLException {
        return new OutgoingReportEntry(result.getLong("id"), result.getString("policy_domain"),
            result.getObject("report_day", LocalDate.class),
            OutgoingReportEntry.Trigger.valueOf(result.getString("trigger_kind")),
            OutgoingReportEntry.Outcome.valueOf(result.getString("outcome")),
            split(result.getString("recipients")), split(result.getString("notes")),
            Optional.ofNullable(result.getString("report_id")), result.getInt("size_bytes"),
            result.getObject("decided_at", OffsetDateTime.class).toInstant());
    }

    /** One item a line; a reason quoting a DNS answer could hold a line break, which would split it. */
    private static String lines(List<String> items) {
        return String.join("\n", items.stream().map(item -> item.replace('\r', ' ').replace('\n', ' ')).toList());
    }

    private static List<String> split(String lines) {
        return lines.isEmpty() ? List.of() : Arrays.asList(lines.split("\n", -1));
    }
}
