package com.devicecreds.portal.security;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.PortalPrincipal;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * Records every sign-in (success and failure), sign-out and refused call in the audit trail, whatever
 * the login profile.
 */
@Component
class AuthenticationAuditListener {

    private final AuditLog auditLog;
    private final CurrentActor currentActor;

    AuthenticationAuditListener(AuditLog auditLog, CurrentActor currentActor) {
        this.auditLog = auditLog;
        this.currentActor = currentActor;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        var actor = currentActor.fromAuthentication(event.getAuthentication());
        auditLog.record(AuditRecord.of(actor, AuditAction.LOGIN, AuditOutcome.SUCCESS, actor.username()));
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        // The name typed in is recorded as typed: it may not be an account at all.
        String attempted = String.valueOf(event.getAuthentication().getName());
        var actor = new Actor(attempted, attempted, Set.of(), Optional.empty());
        auditLog.record(AuditRecord.of(actor, AuditAction.LOGIN, AuditOutcome.FAILED, attempted)
                .withDetail("reason", event.getException().getClass().getSimpleName()));
    }

    /**
     * A signed-in user refused by method security: one record per refused call, naming the method.
     * (Unauthenticated callers are refused too, but there is nobody to name.)
     */
    @EventListener
    void onDenied(AuthorizationDeniedEvent<?> event) {
        Authentication authentication = event.getAuthentication().get();
        if (authentication == null || !(authentication.getPrincipal() instanceof PortalPrincipal)) {
            return;
        }
        String target = event.getSource() instanceof MethodInvocation call
                ? call.getMethod().getDeclaringClass().getSimpleName() + "." + call.getMethod().getName()
                : String.valueOf(event.getSource());
        auditLog.record(AuditRecord.of(currentActor.fromAuthentication(authentication), AuditAction.ACCESS_DENIED,
                AuditOutcome.DENIED, target));
    }

    @EventListener
    void onLogout(LogoutSuccessEvent event) {
        var actor = currentActor.fromAuthentication(event.getAuthentication());
        auditLog.record(AuditRecord.of(actor, AuditAction.LOGOUT, AuditOutcome.SUCCESS, actor.username()));
    }
}
