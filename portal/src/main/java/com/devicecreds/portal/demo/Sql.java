package com.devicecreds.portal.demo;

import java.sql.Connection;
import java.sql.SQLException;

/** Two one-liners over a plain JDBC connection, for the seeder's work outside Spring's transactions. */
final class Sql {

    private Sql() {
    }

    static void run(Connection c, String sql, Object... params) throws SQLException {
        try (var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    static long longValue(Connection c, String sql) throws SQLException {
        try (var statement = c.prepareStatement(sql); var rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
