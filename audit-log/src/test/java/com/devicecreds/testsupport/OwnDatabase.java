package com.devicecreds.testsupport;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A database of its own on the shared embedded server for one Spring context, migrated by Flyway at
 * start: for tests whose trail must start empty, or years ago, or be tampered with. Spring shares a
 * context between test classes of the same configuration: each class names its own application
 * ({@code spring.application.name}) so that each gets a database of its own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class OwnDatabase {

    @Bean
    @Primary
    DataSource ownDataSource() {
        return TestPostgres.newDatabase("own_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }
}
