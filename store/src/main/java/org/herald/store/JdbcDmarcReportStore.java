package org.herald.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.herald.core.dmarc.DmarcPolicy;
import org.herald.core.dmarc.ingest.DmarcSourceSummary;
import org.herald.core.dmarc.ingest.DmarcSummary;
import org.herald.core.dmarc.ingest.StoredReport;
import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.AggregateReportParser;
import org.herald.core.dmarc.report.AggregateReportWriter;
import org.herald.core.dmarc.report.DmarcResult;
import org.herald.core.dmarc.report.ReportRecord;
import org.herald.core.store.DmarcReportStore;

/**
 * {@link DmarcReportStore} in Herald's state store (H2 or PostgreSQL): the report as RFC 7489 XML for reading it
 * back, and its rows flattened for the summaries, which are added up here rather than in SQL so that both backends
 * give the same figures (a self-hoster's reports are thousands of rows, not millions).
 */
public final class JdbcDmarcReportStore implements DmarcReportStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final AggregateReportWriter writer = new AggregateReportWriter();
    private final AggregateReportParser parser = new AggregateReportParser();

    public JdbcDmarcReportStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcDmarcReportStore(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public Optional<String> save(AggregateReport report, String receivedFrom, Instant receivedAt) {
        String id = StoredReport.idOf(report);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                insertReport(connection, id, report, receivedFrom, receivedAt);
                insertRows(connection, id, report);
                connection.commit();
                return Optional.of(id);
            } catch (SQLException e) {
                connection.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return Optional.empty();
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot store the DMARC report " + report.metadata().reportId() + " of "
                + report.metadata().orgName(), e);
        }
    }

    private void insertReport(Connection connection, String id, AggregateReport report, String receivedFrom, Instant receivedAt)
        throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO herald_dmarc_report (id, org_name, report_id, "
            + "policy_domain, begin_at, end_at, received_at, received_from, report_xml) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, report.metadata().orgName());
            insert.setString(3, report.metadata().reportId());
            insert.setString(4, report.policy().domain());
            insert.setObject(5, time(report.metadata().dateRange().begin()));
            insert.setObject(6, time(report.metadata().dateRange().end()));
            insert.setObject(7, time(receivedAt));
            insert.setString(8, receivedFrom);
            insert.setString(9, writer.xml(report));
            insert.executeUpdate();
        }
    }

    private static void insertRows(Connection connection, String id, AggregateReport report) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO herald_dmarc_report_row (report, row_number, "
            + "policy_domain, begin_at, org_name, source_ip, message_count, disposition, dkim_aligned, spf_aligned) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int number = 0;
            for (ReportRecord record : report.records()) {
                var evaluated = record.row().policyEvaluated();
                insert.setString(1, id);
                insert.setInt(2, number++);
                insert.setString(3, report.policy().domain());
                insert.setObject(4, time(report.metadata().dateRange().begin()));
                insert.setString(5, report.metadata().orgName());
                insert.setString(6, record.row().sourceIp().getHostAddress());
                insert.setLong(7, record.row().count());
                insert.setString(8, evaluated.disposition().tag());
                insert.setBoolean(9, evaluated.dkim() == DmarcResult.PASS);
                insert.setBoolean(10, evaluated.spf() == DmarcResult.PASS);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public Optional<StoredReport> find(String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT received_from, received_at, report_xml FROM herald_dmarc_report WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredReport(id, rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                    parser.parse(rows.getString(3).getBytes(StandardCharsets.UTF_8))));
            }
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read the DMARC report " + id, e);
        }
    }

    private record FlatRow(String report, String orgName, Instant begin, String sourceIp, long count, String disposition,
                           boolean dkimAligned, boolean spfAligned) {
        boolean dmarcPass() {
            return dkimAligned || spfAligned;
        }
    }

    private List<FlatRow> rows(String policyDomain, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT report, org_name, begin_at, source_ip, message_count, "
                 + "disposition, dkim_aligned, spf_aligned FROM herald_dmarc_report_row WHERE policy_domain = ? AND begin_at >= ? "
                 + "AND begin_at < ?")) {
            select.setString(1, policyDomain);
            select.setObject(2, time(from));
            select.setObject(3, time(to));
            List<FlatRow> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new FlatRow(rows.getString(1), rows.getString(2), rows.getObject(3, OffsetDateTime.class).toInstant(),
                        rows.getString(4), rows.getLong(5), rows.getString(6), rows.getBoolean(7), rows.getBoolean(8)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read the DMARC reports about " + policyDomain, e);
        }
    }

    @Override
    public DmarcSummary summary(String policyDomain, Instant from, Instant to) {
        List<FlatRow> rows = rows(policyDomain, from, to);
        Map<String, long[]> byReporter = new TreeMap<>();
        Map<String, long[]> byDay = new TreeMap<>();
        long messages = 0;
        long dkim = 0;
        long spf = 0;
        long pass = 0;
        for (FlatRow row : rows) {
            messages += row.count();
            dkim += row.dkimAligned() ? row.count() : 0;
            spf += row.spfAligned() ? row.count() : 0;
            pass += row.dmarcPass() ? row.count() : 0;
            add(byReporter, row.orgName(), row);
            add(byDay, DmarcSummary.dayOf(row.begin()), row);
        }
        long reports = rows.stream().map(FlatRow::report).distinct().count();
        return new DmarcSummary(policyDomain, reports, messages, dkim, spf, pass, slices(byReporter), slices(byDay));
    }

    private static void add(Map<String, long[]> slices, String key, FlatRow row) {
        long[] figures = slices.computeIfAbsent(key, k -> new long[2]);
        figures[0] += row.count();
        figures[1] += row.dmarcPass() ? row.count() : 0;
    }

    private static List<DmarcSummary.Slice> slices(Map<String, long[]> slices) {
        return slices.entrySet().stream()
            .map(entry -> new DmarcSummary.Slice(entry.getKey(), entry.getValue()[0], entry.getValue()[1]))
            .toList();
    }

    @Override
    public List<DmarcSourceSummary> sources(String policyDomain, Instant from, Instant to, int limit) {
        Map<String, long[]> bySource = new LinkedHashMap<>();
        for (FlatRow row : rows(policyDomain, from, to)) {
            long[] figures = bySource.computeIfAbsent(row.sourceIp(), k -> new long[5]);
            figures[0] += row.count();
            figures[row.dmarcPass() ? 1 : 2] += row.count();
            if (row.disposition().equals(DmarcPolicy.REJECT.tag())) {
                figures[3] += row.count();
            } else if (row.disposition().equals(DmarcPolicy.QUARANTINE.tag())) {
                figures[4] += row.count();
            }
        }
        return bySource.entrySet().stream()
            .map(entry -> new DmarcSourceSummary(entry.getKey(), entry.getValue()[0], entry.getValue()[1], entry.getValue()[2],
                entry.getValue()[3], entry.getValue()[4]))
            .sorted(Comparator.comparingLong(DmarcSourceSummary::messages).reversed().thenComparing(DmarcSourceSummary::sourceIp))
            .limit(limit)
            .toList();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
