package com.devicecreds.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.grid.Grid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Who sees which notification, what marking read does, and who sees undelivered e-mail. */
@PortalTest
class NotificationServiceTest {

    @Autowired
    NotificationService notifications;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ApplicationContext spring;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void publishing_outside_a_transaction_is_refused_so_nothing_commits_without_its_business_change() {
        assertThatThrownBy(() -> notifications.publish(request(newOperator(), List.of())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void operator_staff_cannot_mark_read_a_notification_of_another_operator() {
        var mine = newOperator();
        long other = publish(request(newOperator(), List.of()));
        try (var signedIn = SignedIn.as(SignedIn.operatorStaff(mine.code()))) {
            notifications.markRead(other);
            assertThat(notifications.page(0, 50)).isEmpty();
        }
        assertThat(jdbc.sql("select count(*) from notification_read where notification_id = ?").param(other)
                .query(Long.class).single()).isZero();
    }

    @Test
    void marking_one_read_lowers_the_unread_count_of_that_user_only() {
        var operator = newOperator();
        long id = publish(request(operator, List.of()));
        try (var signedIn = SignedIn.as(SignedIn.operatorStaff(operator.code()))) {
            assertThat(notifications.unreadCount()).isEqualTo(1);
            notifications.markRead(id);
            assertThat(notifications.unreadCount()).isZero();
            assertThat(notifications.page(0, 10)).singleElement().satisfies(n -> assertThat(n.read()).isTrue());
        }
        try (var signedIn = SignedIn.as(SignedIn.user("pki." + UUID.randomUUID(), Optional.empty(), Roles.PKI_OPS))) {
            assertThat(notifications.page(0, 1000)).anySatisfy(n -> {
                assertThat(n.id()).isEqualTo(id);
                assertThat(n.read()).isFalse();
            });
        }
    }

    @Test
    void an_undelivered_email_is_shown_to_pki_operations_and_refused_to_operator_staff() {
        var operator = newOperator();
        long id = publish(request(operator, List.of("ops-" + operator.code() + "@example.org")));
        jdbc.sql("""
                update mail_outbox set attempts = 3, last_error = 'Connection refused', next_attempt_at = now() + interval '4 minutes'
                where notification_id = ?""").param(id).update();

        try (var signedIn = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(notifications.outboxProblems(0, 1000)).anySatisfy(p -> {
                assertThat(p.recipient()).isEqualTo("ops-" + operator.code() + "@example.org");
                assertThat(p.attempts()).isEqualTo(3);
                assertThat(p.lastError()).contains("Connection refused");
                assertThat(p.nextAttemptAt()).isPresent();
            });
        }
        try (var signedIn = SignedIn.as(SignedIn.operatorStaff(operator.code()))) {
            assertThatThrownBy(() -> notifications.outboxProblems(0, 10)).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void the_delivery_problems_section_is_on_the_page_of_pki_operations_only() {
        var app = SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
        try {
            var pki = app.newUser(SignedIn.withRole(Roles.PKI_OPS)).newWindow();
            pki.navigate(NotificationsView.class);
            assertThat(pki.find(Grid.class).withClassName("mail-outbox-problems").all()).hasSize(1);

            var manager = app.newUser(SignedIn.withRole(Roles.PROJECT_MANAGER)).newWindow();
            manager.navigate(NotificationsView.class);
            assertThat(manager.find(Grid.class).withClassName("mail-outbox-problems").all()).isEmpty();
        } finally {
            app.close();
        }
    }

    private long publish(NotificationRequest request) {
        return new TransactionTemplate(transactions).execute(status -> notifications.publish(request)).orElseThrow();
    }

    private static NotificationRequest request(OperatorRef operator, List<String> mailTo) {
        return new NotificationRequest("Test for " + operator.code(), "Body", Optional.empty(),
                Set.of(Roles.PKI_OPS, Roles.OPERATOR_STAFF), Optional.of(operator), "service-test",
                UUID.randomUUID().toString(), mailTo);
    }

    private OperatorRef newOperator() {
        String code = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id").params(code, "Service " + code)
                .query(Short.class).single();
        return new OperatorRef(id, code);
    }
}
