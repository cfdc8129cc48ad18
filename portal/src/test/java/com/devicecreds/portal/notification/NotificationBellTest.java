package com.devicecreds.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import com.vaadin.browserless.SecuredBrowserlessApplicationContext;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.button.Button;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The bell counts what the user's roles and operator may see, and empties when they read it. */
@PortalTest
class NotificationBellTest {

    @Autowired
    ApplicationContext spring;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NotificationService notifications;
    @Autowired
    PlatformTransactionManager transactions;

    private SecuredBrowserlessApplicationContext<Authentication> app;
    private OperatorRef alerted;

    @BeforeEach
    void anOperatorPoolAlert() {
        app = SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
        alerted = newOperator();
        new TransactionTemplate(transactions).executeWithoutResult(status -> notifications.publish(
                new NotificationRequest("Pool of " + alerted.code() + " is critical", "Load a batch.",
                        Optional.of("notifications"), Set.of(Roles.PKI_OPS, Roles.OPERATOR_STAFF),
                        Optional.of(alerted), "bell-test", alerted.code(), List.of())));
    }

    @AfterEach
    void close() {
        app.close();
        SecurityContextHolder.clearContext();
    }

    @Test
    void pki_operations_see_the_unread_count_in_the_bell() {
        var pki = SignedIn.user("pki." + UUID.randomUUID(), Optional.empty(), Roles.PKI_OPS);
        var window = app.newUser(pki).newWindow();
        window.navigate(NotificationsView.class);

        long expected = jdbc.sql("select count(*) from notification where 'PKI_OPS' = any(audience_roles)")
                .query(Long.class).single();
        assertThat(expected).isPositive();
        // The bell caps what it shows; the shared test database holds many PKI notifications.
        assertThat(bell(window).shownCount()).isEqualTo(expected > 99 ? "99+" : Long.toString(expected));
    }

    @Test
    void operator_staff_see_their_operators_notification_and_not_another_operators() {
        var own = app.newUser(SignedIn.operatorStaff(alerted.code())).newWindow();
        own.navigate(NotificationsView.class);
        assertThat(bell(own).shownCount()).isEqualTo("1");

        var other = app.newUser(SignedIn.operatorStaff(newOperator().code())).newWindow();
        other.navigate(NotificationsView.class);
        assertThat(bell(other).shownCount()).isEqualTo("0");
    }

    @Test
    void marking_all_read_empties_the_bell() {
        var window = app.newUser(SignedIn.operatorStaff(alerted.code())).newWindow();
        window.navigate(NotificationsView.class);
        assertThat(bell(window).shownCount()).isEqualTo("1");

        window.find(Button.class).withClassName("mark-all-read").single().click();

        assertThat(bell(window).shownCount()).isEqualTo("0");
    }

    @Test
    void the_page_polls_at_the_shortest_interval_its_live_parts_ask_for_and_the_bell_keeps_polling() {
        var window = app.newUser(SignedIn.user("pki." + UUID.randomUUID(), Optional.empty(), Roles.PKI_OPS)).newWindow();
        window.navigate(NotificationsView.class);
        assertThat(window.getUI().getPollInterval()).as("the bell alone").isEqualTo(NotificationBell.POLL_MILLIS);

        window.navigate("inventory", Component.class);
        assertThat(window.getUI().getPollInterval()).isEqualTo(15_000);
        window.navigate("", Component.class);
        assertThat(window.getUI().getPollInterval()).isEqualTo(10_000);
        // Leaving a live view used to switch polling off, and the bell with it.
        window.navigate(NotificationsView.class);
        assertThat(window.getUI().getPollInterval()).isEqualTo(NotificationBell.POLL_MILLIS);

        // A poll recounts: a notification published meanwhile shows without navigating.
        window.find(Button.class).withClassName("mark-all-read").single().click();
        assertThat(bell(window).shownCount()).isEqualTo("0");
        long shown = 0;
        new TransactionTemplate(transactions).executeWithoutResult(status -> notifications.publish(
                new NotificationRequest("Another pool is low", "Load a batch.", Optional.empty(), Set.of(Roles.PKI_OPS),
                        Optional.empty(), "bell-poll-test", UUID.randomUUID().toString(), List.of())));
        ComponentUtil.fireEvent(window.getUI(), new PollEvent(window.getUI(), true));
        assertThat(bell(window).shownCount()).isEqualTo(Long.toString(shown + 1));
    }

    private static NotificationBell bell(com.vaadin.browserless.BrowserlessUIContext window) {
        return window.find(NotificationBell.class).single();
    }

    private OperatorRef newOperator() {
        String code = "bell-" + UUID.randomUUID().toString().substring(0, 8);
        short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id").params(code, "Bell " + code)
                .query(Short.class).single();
        return new OperatorRef(id, code);
    }
}
