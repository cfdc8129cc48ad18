package com.devicecreds.portal.security;

import java.util.Optional;

import com.devicecreds.inventory.loading.approval.ApproverReauthentication;

/**
 * How an approver proves their identity again before deciding on a credential batch, in the
 * sign-in profile that runs: the approval dialog asks for the password in development and sends
 * the browser through the identity provider's sign-in with Keycloak (docs/decisions/014-dual-control.md).
 */
public interface ApproverStepUp extends ApproverReauthentication {

    /**
     * Where the browser signs in again, coming back to {@code route}; empty when the dialog asks for
     * the password instead.
     */
    Optional<String> signInAgainUrl(String route);

    /** Checks the signed-in user's password; true (and recently authenticated from now on) when it is right. */
    boolean confirmPassword(String password);
}
