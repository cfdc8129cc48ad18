package com.devicecreds.inventory.loading.approval;

import java.time.Duration;

/**
 * Whether the signed-in user proved their identity again recently: approving a batch asks for it.
 * The sign-in profile supplies the implementation (password re-entry in development, an OpenID
 * Connect step-up with {@code max_age=0} and the ID token's {@code auth_time} with Keycloak).
 */
public interface ApproverReauthentication {

    /** True when the current user authenticated at most {@code maxAge} ago. */
    boolean recentlyAuthenticated(Duration maxAge);
}
