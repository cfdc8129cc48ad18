package com.devicecreds.portal.change;

import com.devicecreds.portal.security.ApproverStepUp;

/** Approving a configuration change in a test as the approve dialog does it: the password first, then the decision. */
public final class ConfirmedApproval {

    private ConfirmedApproval() {
    }

    /** Approves as the signed-in demo account after it confirmed its password. */
    public static ChangeRequest approve(ConfigChangeService changes, ApproverStepUp stepUp, long id) {
        stepUp.confirmPassword("demo");
        return changes.approve(id);
    }
}
