package org.herald.store;

import static org.herald.store.JdbcWarmupStateStore.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.herald.core.store.WarmupCounterStore;
import org.herald.core.warmup.DeliverySignals;

/**
 * {@link WarmupCounterStore} over {@code herald_warmup_sent}, {@code _signal} and {@code _waiting}. Taking budget
 * locks the day's row, then the hour's (always in that order, so two takers never deadlock), reads both counts and
 * adds what fits, in one transaction: nodes sharing a PostgreSQL store never send more than the limit between them.
 */
public final class JdbcWarmupCounterStore implements WarmupCounterStore {
    private static final int WHOLE_DAY = -1;

    private final DataSource dataSource;

    public JdbcWarmupCounterStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcWarmupCounterStore(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public long take(String identity, String provider, Instant at, long wanted, OptionalLong dailyLimit, OptionalLong hourlyLimit) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        int hour = at.atZone(ZoneOffset.UTC).getHour();
        try (Connection connection = dataSource.getConnection()) {
            ensureRow(connection, identity, provider, day, WHOLE_DAY);
            ensureRow(connection, identity, provider, day, hour);
            connection.setAutoCommit(false);
            try {
                long daySent = lockedSent(connection, identity, provider, day, WHOLE_DAY);
                long hourSent = lockedSent(connection, identity, provider, day, hour);
                long granted = Math.max(0, Math.min(wanted,
                    Math.min(dailyLimit.orElse(Long.MAX_VALUE) - daySent, hourlyLimit.orElse(Long.MAX_VALUE) - hourSent)));
                if (granted > 0) {
                    add(connection, "sent", identity, provider, day, WHOLE_DAY, granted);
                    add(connection, "sent", identity, provider, day, hour, granted);
                }
                connection.commit();
                return granted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot take warmup budget of " + identity + " at " + provider, e);
        }
    }

    private static void ensureRow(Connection connection, String identity, String provider, LocalDate day, int hour) throws SQLException {
        AddOrInsert.insertIfAbsent(connection,
            "INSERT INTO herald_warmup_sent (identity, provider, sent_day, sent_hour, sent, deferred) VALUES (?, ?, ?, ?, 0, 0)", insert -> {
                insert.setString(1, identity);
                insert.setString(2, provider);
                insert.setObject(3, day);
                insert.setInt(4, hour);
            });
    }

    private static long lockedSent(Connection connection, String identity, String provider, LocalDate day, int hour) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT sent FROM herald_warmup_sent "
            + "WHERE identity = ? AND provider = ? AND sent_day = ? AND sent_hour = ? FOR UPDATE")) {
            select.setString(1, identity);
            select.setString(2, provider);
            select.setObject(3, day);
            select.setInt(4, hour);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
            }
        }
    }

    /** Adds to the sent or deferred count of a row; {@code column} is one of those two names, never input. */
    private static void add(Connection connection, String column, String identity, String provider, LocalDate day, int hour,
                            long count) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE herald_warmup_sent SET " + column + " = " + column
            + " + ? WHERE identity = ? AND provider = ? AND sent_day = ? AND sent_hour = ?")) {
            update.setLong(1, count);
            update.setString(2, identity);
            update.setString(3, provider);
            update.setObject(4, day);
            update.setInt(5, hour);
            update.executeUpdate();
        }
    }

    @Override
    public void giveBack(String identity, String provider, Instant takenAt, long count) {
        LocalDate day = LocalDate.ofInstant(takenAt, ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            add(connection, "sent", identity, provider, day, WHOLE_DAY, -count);
            add(connection, "sent", identity, provider, day, takenAt.atZone(ZoneOffset.UTC).getHour(), -count);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot give warmup budget back to " + identity + " at " + provider, e);
        }
    }

    @Override
    public long sentOn(String identity, String provider, LocalDate day) {
        return dayColumn("sent", identity, provider, day);
    }

    @Override
    public void addDeferred(String identity, String provider, LocalDate day, long count) {
        try (Connection connection = dataSource.getConnection()) {
            ensureRow(connection, identity, provider, day, WHOLE_DAY);
            add(connection, "deferred", identity, provider, day, WHOLE_DAY, count);
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot count deferred mail of " + identity + " at " + provider, e);
        }
    }

    @Override
    public long deferredOn(String identity, String provider, LocalDate day) {
        return dayColumn("deferred", identity, provider, day);
    }

    private long dayColumn(String column, String identity, String provider, LocalDate day) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + column + " FROM herald_warmup_sent "
                 + "WHERE identity = ? AND provider = ? AND sent_day = ? AND sent_hour = ?")) {
            select.setString(1, identity);
            select.setString(2, provider);
            select.setObject(3, day);
            select.setInt(4, WHOLE_DAY);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read the warmup counters of " + identity + " at " + provider, e);
        }
    }

    @Override
    public void addSignals(String identity, String provider, Instant at, DeliverySignals signals) {
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        try (Connection connection = dataSource.getConnection()) {
            AddOrInsert.run(connection, "UPDATE herald_warmup_signal SET attempts = attempts + ?, hard_bounces = hard_bounces + ?, "
                    + "complaints = complaints + ? WHERE identity = ? AND provider = ? AND hour_start = ?", update -> {
                    update.setLong(1, signals.attempts());
                    update.setLong(2, signals.hardBounces());
                    update.setLong(3, signals.complaints());
                    update.setString(4, identity);
                    update.setString(5, provider);
                    update.setObject(6, utc(hour));
                },
                "INSERT INTO herald_warmup_signal (attempts, hard_bounces, complaints, identity, provider, hour_start) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", insert -> {
                    insert.setLong(1, signals.attempts());
                    insert.setLong(2, signals.hardBounces());
                    insert.setLong(3, signals.complaints());
                    insert.setString(4, identity);
                    insert.setString(5, provider);
                    insert.setObject(6, utc(hour));
                });
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot record delivery signals of " + identity + " at " + provider, e);
        }
    }

    @Override
    public DeliverySignals signals(String identity, String provider, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COALESCE(SUM(attempts), 0), COALESCE(SUM(hard_bounces), 0), "
                 + "COALESCE(SUM(complaints), 0) FROM herald_warmup_signal "
                 + "WHERE identity = ? AND provider = ? AND hour_start >= ? AND hour_start < ?")) {
            select.setString(1, identity);
            select.setString(2, provider);
            select.setObject(3, utc(from));
            select.setObject(4, utc(to));
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return new DeliverySignals(result.getLong(1), result.getLong(2), result.getLong(3));
            }
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read delivery signals of " + identity + " at " + provider, e);
        }
    }

    @Override
    public void forgetSignals(String identity, String provider, Instant upTo) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                 "DELETE FROM herald_warmup_signal WHERE identity = ? AND provider = ? AND hour_start <= ?")) {
            delete.setString(1, identity);
            delete.setString(2, provider);
            delete.setObject(3, utc(upTo));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot forget the delivery signals of " + identity + " at " + provider, e);
        }
    }

    @Override
    public void addWaiting(String identity, String provider, long delta) {
        try (Connection connection = dataSource.getConnection()) {
            AddOrInsert.run(connection, "UPDATE herald_warmup_waiting SET waiting = GREATEST(0, waiting + ?) "
                    + "WHERE identity = ? AND provider = ?", update -> {
                    update.setLong(1, delta);
                    update.setString(2, identity);
                    update.setString(3, provider);
                },
                "INSERT INTO herald_warmup_waiting (waiting, identity, provider) VALUES (?, ?, ?)", insert -> {
                    insert.setLong(1, Math.max(0, delta));
                    insert.setString(2, identity);
                    insert.setString(3, provider);
                });
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot count mail waiting for warmup budget of " + identity, e);
        }
    }

    @Override
    public long waiting(String identity, String provider) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT waiting FROM herald_warmup_waiting WHERE identity = ? AND provider = ?")) {
            select.setString(1, identity);
            select.setString(2, provider);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read mail waiting for warmup budget of " + identity, e);
        }
    }

    @Override
    public List<String> providers(String identity) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT provider FROM herald_warmup_sent WHERE identity = ? "
                 + "UNION SELECT provider FROM herald_warmup_signal WHERE identity = ? "
                 + "UNION SELECT provider FROM herald_warmup_waiting WHERE identity = ? ORDER BY 1")) {
            select.setString(1, identity);
            select.setString(2, identity);
            select.setString(3, identity);
            List<String> providers = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    providers.add(result.getString(1));
                }
            }
            return providers;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot list the providers of " + identity, e);
        }
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement days = connection.prepareStatement("DELETE FROM herald_warmup_sent WHERE sent_day < ?");
             PreparedStatement signals = connection.prepareStatement("DELETE FROM herald_warmup_signal WHERE hour_start < ?")) {
            days.setObject(1, LocalDate.ofInstant(cutoff, ZoneOffset.UTC));
            signals.setObject(1, utc(cutoff));
            return days.executeUpdate() + signals.executeUpdate();
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot delete old warmup counters", e);
        }
    }
}
