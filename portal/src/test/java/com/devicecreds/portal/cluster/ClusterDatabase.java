package com.devicecreds.portal.cluster;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The external PostgreSQL every node connects to, set up as the deployment guide says: a schema owner
 * that runs the migrations and an application role that owns nothing (decision 018). The server is
 * started from the embedded binaries; the test reads it as its superuser.
 */
final class ClusterDatabase implements AutoCloseable {

    static final String OWNER = "portal_owner";
    static final String APP = "portal_app";
    private static final String OWNER_PASSWORD = "owner-secret";
    private static final String APP_PASSWORD = "app-secret";

    private final EmbeddedPostgres server;

    private ClusterDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    static ClusterDatabase start() throws IOException, SQLException {
        var server = EmbeddedPostgres.builder().start();
        try (var connection = server.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("create role " + OWNER + " login password '" + OWNER_PASSWORD + "' nosuperuser nobypassrls");
            statement.execute("create role " + APP + " login password '" + APP_PASSWORD + "' nosuperuser nobypassrls");
            statement.execute("alter database postgres owner to " + OWNER);
            statement.execute("alter schema public owner to " + OWNER);
        }
        return new ClusterDatabase(server);
    }

    String superuserUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres?user=postgres";
    }

    /** A node's database properties: the application role, Flyway as the owner, the node's name for its connections. */
    List<String> nodeProperties(String node) {
        var url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
        return new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + APP, "--spring.datasource.password=" + APP_PASSWORD,
                "--spring.flyway.user=" + OWNER, "--spring.flyway.password=" + OWNER_PASSWORD,
                "--PORTAL_NODE_NAME=" + node));
    }

    Connection superuser() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    /** The single number the query returns. */
    long number(String sql, Object... parameters) {
        try (var connection = superuser(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row the query returns, as text. */
    List<String> strings(String sql, Object... parameters) {
        try (var connection = superuser(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            var values = new ArrayList<String>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * A new operator's pool whose one credential was bound yesterday: EMPTY at the alert engine's next run.
     * Returns the credential type's id.
     */
    int dryPool(String name) {
        return (int) number("""
                with o as (insert into operator (code, name) values ('dry', ? || ' operator') returning id),
                t as (insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                      select 'dry-pool', ?, 'widevine-keybox', id, 'mac', 'next-available' from o returning id),
                b as (insert into credential_batch (batch_ref, credential_type_id, record_count, producing_facility, state,
                                                    submitted_by, activated_at)
                      select 'dry-batch', id, 1, 'kgf', 'active', 'test', now() - interval '1 day' from t
                      returning id, credential_type_id)
                insert into credential (credential_ref, credential_type_id, batch_id, payload, state, bound_device_id, bound_at)
                select 'dry-1', credential_type_id, id, '\\x00', 'bound', '00000000000f', now() - interval '1 day' from b
                returning credential_type_id""", name, name);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
