package org.herald.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.herald.core.store.WarmupStateStore;
import org.herald.core.warmup.ProviderThrottle;
import org.herald.core.warmup.WarmupIdentityState;

/** {@link WarmupStateStore} over {@code herald_warmup_identity} and {@code herald_warmup_throttle}. */
public final class JdbcWarmupStateStore implements WarmupStateStore {
    private static final String COLUMNS = "identity, schedule, started_at, step_index, step_started_at, paused, "
        + "last_throttle_ended_at, version";

    private final DataSource dataSource;

    public JdbcWarmupStateStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcWarmupStateStore(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public Optional<WarmupIdentityState> find(String identity) {
        List<WarmupIdentityState> found = select(" WHERE identity = ?", identity);
        return found.stream().findFirst();
    }

    @Override
    public List<WarmupIdentityState> all() {
        return select(" ORDER BY identity");
    }

    private List<WarmupIdentityState> select(String where, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM herald_warmup_identity" + where)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<WarmupIdentityState> states = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    states.add(new WarmupIdentityState(result.getString(1), result.getString(2), instant(result, 3), result.getInt(4),
                        instant(result, 5), result.getBoolean(6),
                        Optional.ofNullable(result.getObject(7, OffsetDateTime.class)).map(OffsetDateTime::toInstant), result.getLong(8)));
                }
            }
            return states;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read warmup states", e);
        }
    }

    @Override
    public WarmupIdentityState createIfAbsent(WarmupIdentityState initial) {
        try (Connection connection = dataSource.getConnection()) {
            AddOrInsert.insertIfAbsent(connection, "INSERT INTO herald_warmup_identity (schedule, started_at, step_index, "
                + "step_started_at, paused, last_throttle_ended_at, version, identity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", insert -> {
                    bindChange(insert, initial, 0);
                    insert.setString(8, initial.identity());
                });
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot create the warmup state of " + initial.identity(), e);
        }
        return find(initial.identity()).orElseThrow();
    }

    @Override
    public boolean replace(WarmupIdentityState expected, WarmupIdentityState updated) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE herald_warmup_identity SET schedule = ?, started_at = ?, "
                 + "step_index = ?, step_started_at = ?, paused = ?, last_throttle_ended_at = ?, version = ? "
                 + "WHERE identity = ? AND version = ?")) {
            bindChange(update, updated, expected.version() + 1);
            update.setString(8, expected.identity());
            update.setLong(9, expected.version());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot update the warmup state of " + expected.identity(), e);
        }
    }

    /** Parameters 1 to 7: every column but the identity. */
    private static void bindChange(PreparedStatement statement, WarmupIdentityState state, long version) throws SQLException {
        statement.setString(1, state.schedule());
        statement.setObject(2, utc(state.startedAt()));
        statement.setInt(3, state.stepIndex());
        statement.setObject(4, utc(state.stepStartedAt()));
        statement.setBoolean(5, state.paused());
        if (state.lastThrottleEndedAt().isPresent()) {
            statement.setObject(6, utc(state.lastThrottleEndedAt().get()));
        } else {
            statement.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        statement.setLong(7, version);
    }

    @Override
    public WarmupIdentityState put(WarmupIdentityState state) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<WarmupIdentityState> stored = find(state.identity());
            if (stored.isEmpty()) {
                WarmupIdentityState created = createIfAbsent(state);
                if (created.equals(withVersion(state, 0))) {
                    return created;
                }
                continue;
            }
            if (replace(stored.get(), state)) {
                return find(state.identity()).orElseThrow();
            }
        }
        throw new IllegalStateException("the warmup state of " + state.identity() + " kept changing; try again");
    }

    private static WarmupIdentityState withVersion(WarmupIdentityState state, long version) {
        return new WarmupIdentityState(state.identity(), state.schedule(), state.startedAt(), state.stepIndex(), state.stepStartedAt(),
            state.paused(), state.lastThrottleEndedAt(), version);
    }

    @Override
    public List<ProviderThrottle> throttles(String identity) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT provider, reason, since FROM herald_warmup_throttle WHERE identity = ? ORDER BY since, provider")) {
            select.setString(1, identity);
            List<ProviderThrottle> throttles = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    throttles.add(new ProviderThrottle(identity, result.getString(1), result.getString(2), instant(result, 3)));
                }
            }
            return throttles;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot read the warmup throttles of " + identity, e);
        }
    }

    @Override
    public boolean throttle(ProviderThrottle throttle) {
        try (Connection connection = dataSource.getConnection()) {
            return AddOrInsert.insertIfAbsent(connection,
                "INSERT INTO herald_warmup_throttle (identity, provider, reason, since) VALUES (?, ?, ?, ?)", insert -> {
                    insert.setString(1, throttle.identity());
                    insert.setString(2, throttle.provider());
                    insert.setString(3, throttle.reason());
                    insert.setObject(4, utc(throttle.since()));
                });
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot record the warmup throttle of " + throttle.identity() + " at " + throttle.provider(), e);
        }
    }

    @Override
    public boolean clearThrottle(String identity, String provider) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                 "DELETE FROM herald_warmup_throttle WHERE identity = ? AND provider = ?")) {
            delete.setString(1, identity);
            delete.setString(2, provider);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot end the warmup throttle of " + identity + " at " + provider, e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet result, int column) throws SQLException {
        return result.getObject(column, OffsetDateTime.class).toInstant();
    }
}
