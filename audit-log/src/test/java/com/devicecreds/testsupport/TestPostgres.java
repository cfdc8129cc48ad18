package com.devicecreds.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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

    @Bean
    DataSource dataSource() {
        return server().getPostgresDatabase();
    }
}
