package com.devicecreds.portal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import com.vaadin.browserless.SecuredBrowserlessApplicationContext;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The dashboard tells operator staff whose data they are looking at. */
@PortalTest
class DashboardScopeBadgeTest {

    @Autowired
    ApplicationContext spring;
    @Autowired
    JdbcClient jdbc;

    private SecuredBrowserlessApplicationContext<Authentication> app;

    @BeforeEach
    void browserless() {
        app = SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
    }

    @AfterEach
    void close() {
        app.close();
        SecurityContextHolder.clearContext();
    }

    @Test
    void operator_staff_see_their_operator_code_in_the_scope_badge() {
        String code = newOperator();
        var window = app.newUser(SignedIn.operatorStaff(code)).newWindow();
        window.navigate(DashboardView.class);

        assertThat(window.find(Span.class).withClassName("scope-badge").single().getText()).isEqualTo("Operator " + code);
    }

    @Test
    void pki_operations_see_all_operators_in_the_scope_badge() {
        var window = app.newUser(SignedIn.withRole(Roles.PKI_OPS)).newWindow();
        window.navigate(DashboardView.class);

        assertThat(window.find(Span.class).withClassName("scope-badge").single().getText()).isEqualTo("All operators");
    }

    private String newOperator() {
        String code = "badge-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into operator (code, name) values (?, ?)").params(code, "Badge test " + code).update();
        return code;
    }
}
