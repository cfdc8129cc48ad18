package com.devicecreds.portal.database;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the application's own connections could bypass row-level security: a
 * superuser, a role with BYPASSRLS, or the owner of a table in the schema
 * (docs/decisions/018-row-level-security.md). Production must connect as a role that owns nothing.
 */
@Component
class ApplicationRoleCheck implements InitializingBean {

    private final JdbcClient jdbc;

    ApplicationRoleCheck(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public void afterPropertiesSet() {
        var role = jdbc.sql("""
                        select r.rolname, r.rolsuper, r.rolbypassrls,
                               exists (select 1 from pg_class c where c.relowner = r.oid
                                       and c.relnamespace = 'public'::regnamespace) as owns_tables
                        from pg_roles r where r.rolname = current_user""")
                .query((rs, n) -> new Role(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)))
                .single();
        if (role.superuser() || role.bypassesPolicies() || role.ownsTables()) {
            throw new IllegalStateException("The portal connects to the database as '" + role.name() + "', which "
                    + (role.superuser() ? "is a superuser" : role.bypassesPolicies() ? "has BYPASSRLS" : "owns tables")
                    + ": row-level security would not apply. Connect as a role that owns nothing (spring.datasource.username)"
                    + " and migrate as the owner (spring.flyway.user); see the README.");
        }
    }

    private record Role(String name, boolean superuser, boolean bypassesPolicies, boolean ownsTables) {
    }
}
