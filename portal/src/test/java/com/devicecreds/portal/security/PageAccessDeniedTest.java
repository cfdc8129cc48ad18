package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.testsupport.RecordsAudit;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A signed-in user who opens a page their roles do not admit sees a plain refusal, and the attempt
 * is audited once as ACCESS_DENIED naming the route; a page they may open records nothing.
 */
@PortalTest
class PageAccessDeniedTest {

    @Autowired
    ApplicationContext spring;
    @Autowired
    JdbcClient jdbc;

    @Test
    @RecordsAudit(AuditAction.ACCESS_DENIED)
    void operator_staff_opening_the_audit_trail_are_refused_and_the_attempt_is_recorded_once() {
        String actor = "op.nordkabel";
        long before = denied(actor, "route:/audit");
        var app = SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
        try {
            var window = app.newUser(SignedIn.operatorStaff("nordkabel")).newWindow();
            window.activate();
            window.navigate("audit", Component.class);
            var view = (Component) window.getCurrentView();
            assertThat(view.getClass().getSimpleName()).startsWith("AccessDeniedView");
            assertThat(view.getChildren().filter(H2.class::isInstance).map(c -> ((H2) c).getText()))
                    .containsExactly("No access to this page");
            assertThat(denied(actor, "route:/audit")).isEqualTo(before + 1);

            window.navigate("reports/usage", Component.class);
            assertThat(window.getCurrentView().getClass().getSimpleName()).startsWith("UsageView");
            assertThat(denied(actor, "route:/reports/usage")).isZero();
        } finally {
            app.close();
            SecurityContextHolder.clearContext();
        }
    }

    private long denied(String actor, String target) {
        return jdbc.sql("select count(*) from audit_event where action = 'ACCESS_DENIED' and outcome = 'denied' and actor = ? and target = ?")
                .params(actor, target).query(Long.class).single();
    }
}
