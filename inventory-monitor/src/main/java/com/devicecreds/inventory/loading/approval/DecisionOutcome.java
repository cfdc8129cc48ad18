package com.devicecreds.inventory.loading.approval;

/**
 * What became of a decision that was accepted.
 *
 * @param state     the batch's state afterwards: {@code staged} (more approvals needed), {@code approved} or {@code rejected}
 * @param approvals approvals that stand after this decision
 * @param required  approvals the batch needs
 */
public record DecisionOutcome(String state, int approvals, int required) {
}
