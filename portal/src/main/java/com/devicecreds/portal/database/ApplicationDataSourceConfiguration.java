package com.devicecreds.portal.database;

import javax.sql.DataSource;

import com.devicecreds.access.CurrentActor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wraps the application's {@code DataSource} (the embedded server's or the one Spring Boot makes from
 * spring.datasource.*) so that every connection carries the caller's operators for row-level security.
 */
@Configuration(proxyBeanMethods = false)
class ApplicationDataSourceConfiguration {

    static final String APPLICATION_DATA_SOURCE = "dataSource";

    @Bean
    static BeanPostProcessor operatorScopedDataSource(ObjectProvider<CurrentActor> currentActor) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && APPLICATION_DATA_SOURCE.equals(beanName)
                        && !(bean instanceof OperatorScopedDataSource)) {
                    return new OperatorScopedDataSource(dataSource, currentActor);
                }
                return bean;
            }
        };
    }
}
