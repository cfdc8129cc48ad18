package com.devicecreds.portal.database;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.devicecreds.portal.PortalProperties;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.util.StringUtils;

/**
 * Refuses a second portal on a data directory in use as soon as its configuration is read, seconds
 * before the application context would reach the database. Only a check: the embedded server takes
 * the lock for real ({@link EmbeddedServer#start}), so a race between two starts is still refused there.
 * Registered in META-INF/spring.factories, because it must run before any bean exists.
 */
class DataDirectoryCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        var environment = event.getEnvironment();
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        var properties = Binder.get(environment).bindOrCreate("portal", PortalProperties.class);
        try {
            DataDirectoryLock.acquire(properties.database().dataDirectory()).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
