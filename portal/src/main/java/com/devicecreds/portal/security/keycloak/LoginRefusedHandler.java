package com.devicecreds.portal.security.keycloak;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.devicecreds.access.Actor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * A failed or refused Keycloak sign-in: recorded in the audit trail (Spring Security publishes no
 * failure event for OAuth2 errors) and answered with the sign-in refused page. Sending the user
 * back to the login page instead would loop: Keycloak's session signs them straight in again.
 */
final class LoginRefusedHandler implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(LoginRefusedHandler.class);

    private final AuditLog auditLog;
    private final AuthenticationFailureHandler page =
            new SimpleUrlAuthenticationFailureHandler("/" + LoginRefusedView.PATH);

    LoginRefusedHandler(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        String who = exception instanceof LoginRefusedException refused ? refused.username().orElse("") : "";
        String reason = exception instanceof OAuth2AuthenticationException oauth2
                ? oauth2.getError().getErrorCode() : exception.getClass().getSimpleName();
        log.warn("Keycloak sign-in of '{}' failed: {} ({})", who, reason, exception.getMessage());
        var actor = new Actor(who, who, Set.of(), Optional.empty());
        auditLog.record(AuditRecord.of(actor, AuditAction.LOGIN, AuditOutcome.FAILED, who)
                .withDetail("reason", reason));
        page.onAuthenticationFailure(request, response, exception);
    }
}
