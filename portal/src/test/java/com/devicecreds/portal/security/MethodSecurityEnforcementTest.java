package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.inventory.pool.InventoryService;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.reporting.usage.UsageService;
import com.devicecreds.testsupport.RecordsAudit;
import com.devicecreds.reporting.rollout.RolloutRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** The services' access annotations are enforced by method security, not just written down. */
@PortalTest
class MethodSecurityEnforcementTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    InventoryService inventory;
    @Autowired
    UsageService usage;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void pools_without_authentication_are_refused() {
        SecurityContextHolder.clearContext();
        assertThatThrownBy(inventory::pools).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void usage_without_authentication_is_refused() {
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> usage.outcomesSince(Instant.now().minus(Duration.ofDays(1))))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void pools_and_usage_are_refused_to_a_signed_in_user_without_a_named_role() {
        try (var stranger = SignedIn.as(SignedIn.withRole("NOT_A_PORTAL_ROLE"))) {
            assertThatThrownBy(inventory::pools).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> usage.outcomesSince(Instant.now().minus(Duration.ofDays(1))))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    @RecordsAudit(AuditAction.ACCESS_DENIED)
    void a_refused_call_of_a_signed_in_user_is_audited_exactly_once_naming_user_and_method() {
        String user = "stranger." + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (var stranger = SignedIn.as(SignedIn.user(user, java.util.Optional.empty(), "NOT_A_PORTAL_ROLE"))) {
            assertThatThrownBy(inventory::pools).isInstanceOf(AccessDeniedException.class);
        }
        var rows = jdbc.sql("select action, outcome, target from audit_event where actor = ?").param(user)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list();
        assertThat(rows).containsExactly("ACCESS_DENIED denied InventoryService.pools");
    }

    @Test
    void every_operator_data_method_refuses_callers_without_authentication() {
        for (Method method : OperatorDataServices.publicMethods()) {
            SecurityContextHolder.clearContext();
            assertThatThrownBy(() -> OperatorDataServices.invoke(context, method))
                    .as(OperatorDataServices.signature(method))
                    .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        }
    }

    @Test
    void every_operator_data_method_refuses_anonymous_and_role_less_users() {
        var anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        var roleLess = SignedIn.user("nobody", Optional.empty());
        for (var authentication : List.of(anonymous, roleLess)) {
            for (Method method : OperatorDataServices.publicMethods()) {
                try (var signedIn = SignedIn.as(authentication)) {
                    assertThatThrownBy(() -> OperatorDataServices.invoke(context, method))
                            .as("%s as %s", OperatorDataServices.signature(method), authentication.getName())
                            .isInstanceOf(AccessDeniedException.class);
                }
            }
        }
    }

    @Test
    void every_operator_data_method_admits_exactly_the_roles_its_annotation_names() throws Throwable {
        String operatorCode = existingOperator();
        for (Method method : OperatorDataServices.publicMethods()) {
            var allowed = OperatorDataServices.allowedRoles(method);
            for (String role : Roles.all()) {
                var user = role.equals(Roles.OPERATOR_STAFF) ? SignedIn.operatorStaff(operatorCode) : SignedIn.withRole(role);
                try (var signedIn = SignedIn.as(user)) {
                    Throwable thrown = catchThrowable(() -> OperatorDataServices.invoke(context, method));
                    String call = "%s as %s".formatted(OperatorDataServices.signature(method), role);
                    if (allowed.contains(role)) {
                        // Admitted: it may still refuse by a rule of its own (no such rollout), never by access.
                        if (!(thrown instanceof RolloutRefusedException || thrown instanceof ChangeRefusedException)) {
                            assertThat(thrown).as(call).isNull();
                        }
                    } else {
                        assertThat(thrown).as(call).isInstanceOf(AccessDeniedException.class);
                    }
                }
            }
        }
    }

    private static List<String> rolesNotAllowed(Method method) {
        var allowed = OperatorDataServices.allowedRoles(method);
        var refused = new ArrayList<>(Roles.all());
        refused.removeAll(allowed);
        return refused;
    }

    private String existingOperator() {
        String code = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into operator (code, name) values (?, ?)").params(code, "Security test " + code).update();
        return code;
    }
}
