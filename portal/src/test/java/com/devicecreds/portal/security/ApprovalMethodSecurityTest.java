package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.approval.ApprovalService;
import com.devicecreds.inventory.loading.approval.DecisionRefusedException;
import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;

/** Only PKI operations decide on credential batches; administrators are no exception. */
@PortalTest
class ApprovalMethodSecurityTest {

    private static final String HASH = "00".repeat(32);

    @Autowired
    ApprovalService approvals;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void decisions_without_authentication_are_refused() {
        assertThatThrownBy(() -> approvals.approve(-1, HASH)).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> approvals.reject(-1, HASH, "no")).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void every_role_but_pki_operations_is_refused_a_decision_and_pki_operations_reach_the_rules() {
        for (String role : Roles.all()) {
            try (var signedIn = SignedIn.as(role.equals(Roles.OPERATOR_STAFF) ? SignedIn.operatorStaff("nordkabel")
                    : SignedIn.withRole(role))) {
                var approve = assertThatThrownBy(() -> approvals.approve(-1, HASH)).as(role);
                var reject = assertThatThrownBy(() -> approvals.reject(-1, HASH, "no")).as(role);
                if (role.equals(Roles.PKI_OPS)) {
                    approve.isInstanceOf(DecisionRefusedException.class).hasMessageContaining("no credential batch");
                    reject.isInstanceOf(DecisionRefusedException.class);
                } else {
                    approve.isInstanceOf(AccessDeniedException.class);
                    reject.isInstanceOf(AccessDeniedException.class);
                }
            }
        }
    }
}
