package com.devicecreds.inventory.loading.approval;

/** A decision on a batch was refused; the message says why, in words for the approver. */
public class DecisionRefusedException extends RuntimeException {

    public DecisionRefusedException(String message) {
        super(message);
    }
}
