package com.devicecreds.portal.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The application's connections: at every checkout, the session setting {@code portal.operators}
 * that the row-level security policies read (V36) is set from the security context of the thread
 * that checks the connection out:
 * <ul>
 * <li>no authentication at all: the system itself (Quartz jobs, the simulator, start-up runners),
 * which works across operators: {@code all};</li>
 * <li>a signed-in user: their {@link OperatorScope}, {@code all} or their operator's id;</li>
 * <li>anyone else (an anonymous visitor, a user without a portal role, an operator unknown to the
 * database): nothing, so no operator's row is visible.</li>
 * </ul>
 * See docs/decisions/018-row-level-security.md for the threat model.
 */
final class OperatorScopedDataSource extends DelegatingDataSource {

    static final String SETTING = "portal.operators";
    static final String ALL = "all";
    static final String NONE = "";

    /** Resolving a user's operator may itself read the database; that nested checkout sees nothing. */
    private static final ThreadLocal<Boolean> RESOLVING = new ThreadLocal<>();

    private final ObjectProvider<CurrentActor> currentActor;

    OperatorScopedDataSource(DataSource target, ObjectProvider<CurrentActor> currentActor) {
        super(target);
        this.currentActor = currentActor;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(super.getConnection(username, password));
    }

    private Connection scoped(Connection connection) throws SQLException {
        try (var set = connection.prepareStatement("select set_config('" + SETTING + "', ?, false)")) {
            set.setString(1, operators());
            set.execute();
            // Committed at once: a setting changed in a transaction that rolls back would fall back.
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private String operators() {
        if (RESOLVING.get() != null) {
            return NONE;
        }
        RESOLVING.set(Boolean.TRUE);
        try {
            return operators(SecurityContextHolder.getContext().getAuthentication());
        } finally {
            RESOLVING.remove();
        }
    }

    private String operators(Authentication authentication) {
        if (authentication == null) {
            return ALL;
        }
        if (authentication instanceof AnonymousAuthenticationToken) {
            return NONE;
        }
        try {
            return setting(currentActor.getObject().fromAuthentication(authentication).scope());
        } catch (RuntimeException e) {
            // An operator the database does not know, a principal of another kind: fail closed.
            return NONE;
        }
    }

    static String setting(OperatorScope scope) {
        return switch (scope) {
            case OperatorScope.All all -> ALL;
            case OperatorScope.Only only -> only.ref().id() < 0 ? NONE : Short.toString(only.ref().id());
        };
    }
}
