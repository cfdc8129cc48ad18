package com.devicecreds.inventory.loading.approval;

/**
 * The batch's manifest hash differs from the one the approver saw: the decision is refused and
 * every approval given so far is void (the voiding commits although the decision is refused).
 */
public class ManifestChangedException extends DecisionRefusedException {

    public ManifestChangedException(String message) {
        super(message);
    }
}
