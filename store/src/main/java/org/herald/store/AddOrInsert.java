package org.herald.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Adds to a counter row, inserting it when there is none: an UPDATE, then an INSERT when no row matched; two sessions
 * racing to insert make one INSERT fail with a unique violation, and that one retries its UPDATE. No count is lost,
 * without MERGE or ON CONFLICT (whose support differs between H2 and PostgreSQL).
 */
final class AddOrInsert {
    static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 5;

    @FunctionalInterface
    interface Statement {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private AddOrInsert() {
    }

    static void run(Connection connection, String update, Statement bindUpdate, String insert, Statement bindInsert) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement updating = connection.prepareStatement(update)) {
                bindUpdate.bind(updating);
                if (updating.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement inserting = connection.prepareStatement(insert)) {
                bindInsert.bind(inserting);
                inserting.executeUpdate();
                return;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Inserts a row unless its key is taken; false when it was. */
    static boolean insertIfAbsent(Connection connection, String insert, Statement bind) throws SQLException {
        try (PreparedStatement inserting = connection.prepareStatement(insert)) {
            bind.bind(inserting);
            inserting.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
