package com.devicecreds.portal.database;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.devicecreds.portal.PortalProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an embedded PostgreSQL 18 when no datasource URL is configured. Its data directory
 * persists across restarts; the server is stopped when the application context closes (and by the
 * library's shutdown hook if the JVM ends first), so Ctrl-C leaves no server process behind. One
 * portal per data directory ({@link DataDirectoryLock}); a server that dies under the portal is
 * started again ({@link EmbeddedServer}).
 * The superuser migrates and owns the schema; the application connects as its own role, as in
 * production. See docs/decisions/004-embedded-postgresql.md and 018-row-level-security.md.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedDatabaseConfiguration {

    static final String DATABASE = "portal";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(PortalProperties properties, ConfigurableApplicationContext context) throws IOException {
        var dir = properties.database().dataDirectory().toAbsolutePath();
        boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
        var server = EmbeddedServer.start(dir, properties.database().port(),
                () -> System.exit(SpringApplication.exit(context, () -> 70)));
        log.info("Embedded PostgreSQL {} on port {} with data directory {}", fresh ? "initialized and started" : "started",
                server.port(), dir);
        return server;
    }

    /** The superuser's connections: Flyway and the demo world's bulk load (see {@link SchemaOwner}). */
    @Bean(destroyMethod = "close", defaultCandidate = false)
    @FlywayDataSource
    @SchemaOwner
    DataSource schemaOwnerDataSource(EmbeddedServer postgres) throws SQLException {
        createDatabaseIfMissing(postgres);
        var config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl("postgres", DATABASE));
        config.setUsername("postgres");
        config.setPoolName("portal-owner");
        config.setMaximumPoolSize(5);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    /**
     * The application's connections, as a role that owns nothing and is subject to row-level security,
     * created (or given a new password) before the schema owner's connections are used.
     */
    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedServer postgres, @SchemaOwner DataSource owner, PortalProperties properties)
            throws SQLException {
        String role = properties.database().appUser();
        String password = ApplicationRole.ensure(owner, role);
        var config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl(role, DATABASE));
        config.setUsername(role);
        config.setPassword(password);
        config.setPoolName("portal");
        config.setMaximumPoolSize(20);
        return new HikariDataSource(config);
    }

    private static void createDatabaseIfMissing(EmbeddedServer postgres) throws SQLException {
        try (var connection = postgres.postgresDatabase().getConnection();
             var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, DATABASE);
            if (!check.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database " + DATABASE);
                }
            }
        }
    }
}
