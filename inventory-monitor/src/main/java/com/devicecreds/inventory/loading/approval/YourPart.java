package com.devicecreds.inventory.loading.approval;

/** What the signed-in user may do about a batch waiting for approval. */
public enum YourPart {

    DECIDE("Waiting for your decision"),
    OWN_BATCH("You submitted it: another person decides; you may withdraw it"),
    DECIDED("You have decided"),
    AWAITING_ACTIVATION("Approved: activation follows"),
    CLOSED("Settled: nothing to decide"),
    NOT_AN_APPROVER("Only PKI operations decide");

    private final String label;

    YourPart(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
