package com.devicecreds.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.notification.PoolSubscriptionService.Pool;
import com.devicecreds.portal.security.SignedIn;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.EmailField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** PKI operations add per-pool e-mail subscribers on the notifications page; operator staff cannot. */
@PortalTest
class PoolSubscriptionsTest {

    @Autowired
    ApplicationContext spring;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PoolSubscriptionService subscriptions;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    @SuppressWarnings("unchecked")
    void pki_operations_subscribe_an_address_to_a_pool_on_the_notifications_page() {
        var app = SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
        String email = "lab-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        try {
            var window = app.newUser(SignedIn.user("pki.subscriber", java.util.Optional.empty(), Roles.PKI_OPS)).newWindow();
            window.navigate(NotificationsView.class);
            ComboBox<Pool> pool = window.find(ComboBox.class).withClassName("subscription-pool").single();
            Pool first = pool.getListDataView().getItem(0);
            pool.setValue(first);
            window.find(EmailField.class).withClassName("subscription-email").single().setValue(email);
            window.find(Button.class).withClassName("subscribe").single().click();

            assertThat(jdbc.sql("select created_by from pool_subscription where credential_type_id = ? and email = ?")
                    .params(first.id(), email).query(String.class).list()).containsExactly("pki.subscriber");
        } finally {
            app.close();
        }
    }

    @Test
    void operator_staff_may_not_subscribe_anyone() {
        try (var signedIn = SignedIn.as(SignedIn.operatorStaff("nordkabel"))) {
            assertThatThrownBy(() -> subscriptions.subscribe(1, "someone@example.org"))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }
}
