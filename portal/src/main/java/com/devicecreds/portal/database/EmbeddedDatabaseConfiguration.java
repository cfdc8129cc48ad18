package com.devicecreds.portal.database;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.devicecreds.portal.PortalProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an embedded PostgreSQL 18 when no datasource URL is configured. Its data directory
 * persists across restarts; the server is stopped when the application context closes (and by the
 * library's shutdown hook if the JVM ends first), so Ctrl-C leaves no server process behind.
 * The superuser migrates and owns the schema; the application connects as its own role, as in
 * production. See docs/decisions/004-embedded-postgresql.md and 018-row-level-security.md.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedDatabaseConfiguration {

    static final String DATABASE = "portal";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(PortalProperties properties) throws IOException {
        var dir = properties.database().dataDirectory().toAbsolutePath();
        Files.createDirectories(dir);
        boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
        OrphanedServer.stopIfRunning(dir);
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false);
        if (properties.database().port() > 0) {
            builder.setPort(properties.database().port());
        }
        var postgres = builder
                // The library tunes for throw-away test databases; this one keeps the user's data.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "2GB")
                .start();
        log.info("Embedded PostgreSQL {} on port {} with data directory {}", fresh ? "initialized and started" : "started",
                postgres.getPort(), dir);
        return postgres;
    }

    /** The superuser's connections: Flyway and the demo world's bulk load (see {@link SchemaOwner}). */
    @Bean(destroyMethod = "close", defaultCandidate = false)
    @FlywayDataSource
    @SchemaOwner
    DataSource schemaOwnerDataSource(EmbeddedPostgres postgres) throws SQLException {
        createDatabaseIfMissing(postgres);
        var config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", DATABASE));
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
    DataSource dataSource(EmbeddedPostgres postgres, @SchemaOwner DataSource owner, PortalProperties properties)
            throws SQLException {
        String role = properties.database().appUser();
        String password = ApplicationRole.ensure(owner, role);
        var config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl(role, DATABASE));
        config.setUsername(role);
        config.setPassword(password);
        config.setPoolName("portal");
        config.setMaximumPoolSize(20);
        return new HikariDataSource(config);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (var connection = postgres.getPostgresDatabase().getConnection();
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
