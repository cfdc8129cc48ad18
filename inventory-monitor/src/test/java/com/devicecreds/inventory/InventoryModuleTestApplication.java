package com.devicecreds.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.devicecreds.inventory.loading.approval.ApproverReauthentication;
import com.devicecreds.testsupport.TestPostgres;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** The inventory monitor with the audit log, on the real embedded PostgreSQL, with a clock the tests set. */
@SpringBootApplication(scanBasePackages = {"com.devicecreds.access", "com.devicecreds.audit", "com.devicecreds.inventory"})
@ConfigurationPropertiesScan("com.devicecreds.inventory")
@EnableMethodSecurity(jsr250Enabled = true)
@Import(TestPostgres.class)
public class InventoryModuleTestApplication {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    TestReauthentication testReauthentication() {
        return new TestReauthentication();
    }

    @Bean
    PublishedEvents publishedEvents() {
        return new PublishedEvents();
    }

    /**
     * A clock the test moves by hand. It starts at 08:00 UTC of the real day, not on a fixed date:
     * certificates made by the tests are valid from the real time, and a fixed date falls out of
     * their validity as the calendar moves on.
     */
    public static class TestClock extends Clock {

        private volatile Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plus(java.time.Duration.ofHours(8));

        public void set(Instant instant) {
            now = instant;
        }

        public void advance(java.time.Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Re-authentication as the test sets it: recent unless told otherwise. */
    public static class TestReauthentication implements ApproverReauthentication {

        private volatile boolean recent = true;

        public void setRecent(boolean recent) {
            this.recent = recent;
        }

        @Override
        public boolean recentlyAuthenticated(java.time.Duration maxAge) {
            return recent;
        }
    }

    /** Every application event published, in order. */
    public static class PublishedEvents {

        private final List<Object> events = new ArrayList<>();

        @EventListener
        synchronized void on(Object event) {
            if (event.getClass().getPackageName().startsWith("com.devicecreds.inventory")) {
                events.add(event);
            }
        }

        public synchronized <T> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
