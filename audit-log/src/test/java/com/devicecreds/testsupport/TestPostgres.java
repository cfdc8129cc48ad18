package com.devicecreds.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A real PostgreSQL 18 for module tests: one embedded server per test JVM, started on first use
 * and stopped by its shutdown hook. Spring contexts that import this configuration share it;
 * Flyway migrates its schema from db-migrations as in production.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestPostgres {

    private static EmbeddedPostgres server;

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
            }
        }
        return server;
    }

    /** The role name V36 grants the application's privileges to (Flyway placeholder {@code appRole}). */
    public static final String APP_ROLE = "portal_app";

    /** Migrates the schema from db-migrations as Spring Boot does for the portal. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).placeholders(Map.of("appRole", APP_ROLE)).load().migrate();
    }

    /** A new, empty database of its own on the shared server (not migrated), for tests that need their own trail. */
    public static DataSource newDatabase(String name) {
        org.springframework.jdbc.core.simple.JdbcClient.create(server().getPostgresDatabase())
                .sql("create database " + name).update();
        return server().getDatabase("postgres", name);
    }

    @Bean
    DataSource dataSource() {
        return server().getPostgresDatabase();
    }
}
