package com.devicecreds.portal.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * An external PostgreSQL (spring.datasource.url): the application connects with spring.datasource.*
 * as a role that owns nothing; migrations and other owner work connect with spring.flyway.user and
 * spring.flyway.password (and spring.flyway.url, by default the same database).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DatasourceUrlCondition.class)
class ExternalDatabaseConfiguration {

    @Bean(destroyMethod = "close", defaultCandidate = false)
    @FlywayDataSource
    @SchemaOwner
    DataSource schemaOwnerDataSource(Environment environment) {
        var config = new HikariConfig();
        config.setJdbcUrl(environment.getProperty("spring.flyway.url", environment.getRequiredProperty("spring.datasource.url")));
        config.setUsername(environment.getProperty("spring.flyway.user", environment.getProperty("spring.datasource.username")));
        config.setPassword(environment.getProperty("spring.flyway.password", environment.getProperty("spring.datasource.password")));
        config.setPoolName("portal-owner");
        config.setMaximumPoolSize(5);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }
}
