package com.devicecreds.portal.database;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;

import javax.sql.DataSource;

/**
 * The embedded server's application role: a login that is no superuser, cannot bypass row-level
 * security and owns nothing (V36 grants it what it may do). Its password is new at every start; the
 * server listens on localhost only.
 */
final class ApplicationRole {

    private ApplicationRole() {
    }

    /** Creates the role if missing, or resets its attributes and password; returns the password. */
    static String ensure(DataSource owner, String role) throws SQLException {
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        try (var connection = owner.getConnection(); var statement = connection.createStatement()) {
            String name = quoted(connection, role);
            boolean exists;
            try (var check = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                check.setString(1, role);
                exists = check.executeQuery().next();
            }
            // A password is hex, so it is safe inside a literal.
            statement.execute((exists ? "alter" : "create") + " role " + name
                    + " login nosuperuser nocreatedb nocreaterole nobypassrls password '" + password + "'");
        }
        return password;
    }

    private static String quoted(java.sql.Connection connection, String role) throws SQLException {
        try (var quote = connection.prepareStatement("select quote_ident(?)")) {
            quote.setString(1, role);
            var rs = quote.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }
}
