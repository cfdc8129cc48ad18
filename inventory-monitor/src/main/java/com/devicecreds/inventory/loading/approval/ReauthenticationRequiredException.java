package com.devicecreds.inventory.loading.approval;

/** The approver has not proved their identity recently enough; they must sign in again, then decide. */
public class ReauthenticationRequiredException extends DecisionRefusedException {

    public ReauthenticationRequiredException(String message) {
        super(message);
    }
}
