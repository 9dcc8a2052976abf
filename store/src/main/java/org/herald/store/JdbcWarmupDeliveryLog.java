package org.herald.store;

import static org.herald.store.JdbcWarmupStateStore.instant;
import static org.herald.store.JdbcWarmupStateStore.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.herald.core.store.WarmupDeliveryLog;
import org.herald.core.warmup.WarmupDelivery;

/** {@link WarmupDeliveryLog} over {@code herald_warmup_delivery}. */
public final class JdbcWarmupDeliveryLog implements WarmupDeliveryLog {
    /** The column's size; longer Message-IDs (rare, and never ours) are cut, which still matches them. */
    private static final int MAX_MESSAGE_ID = 998;

    private final DataSource dataSource;

    public JdbcWarmupDeliveryLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public JdbcWarmupDeliveryLog(HeraldDataSource store) {
        this(store.dataSource());
    }

    @Override
    public void record(WarmupDelivery delivery) {
        try (Connection connection = dataSource.getConnection()) {
            AddOrInsert.insertIfAbsent(connection,
                "INSERT INTO herald_warmup_delivery (message_id, identity, provider, delivered_at) VALUES (?, ?, ?, ?)", insert -> {
                    insert.setString(1, cut(delivery.messageId()));
                    insert.setString(2, delivery.identity());
                    insert.setString(3, delivery.provider());
                    insert.setObject(4, utc(delivery.at()));
                });
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot record the delivery of " + delivery.messageId(), e);
        }
    }

    @Override
    public List<WarmupDelivery> deliveriesOf(String messageId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT identity, provider, delivered_at "
                 + "FROM herald_warmup_delivery WHERE message_id = ? ORDER BY delivered_at, identity, provider")) {
            select.setString(1, cut(messageId));
            List<WarmupDelivery> deliveries = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    deliveries.add(new WarmupDelivery(messageId, result.getString(1), result.getString(2), instant(result, 3)));
                }
            }
            return deliveries;
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot look up the deliveries of " + messageId, e);
        }
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM herald_warmup_delivery WHERE delivered_at < ?")) {
            delete.setObject(1, utc(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreAccessException("Cannot delete old warmup deliveries", e);
        }
    }

    private static String cut(String messageId) {
        return messageId.length() > MAX_MESSAGE_ID ? messageId.substring(0, MAX_MESSAGE_ID) : messageId;
    }
}
