package com.devicecreds.reporting.rollout;

/**
 * The stages of a rollout, in order: the go-ahead pipeline of the source paper from credentials
 * generated to devices updated. {@link #CANCELLED} stands outside the order.
 */
public enum RolloutStage {

    WAITING_FOR_CREDENTIALS("Waiting for credentials", "No credentials of the type loaded since the rollout was planned"),
    LOADED("Loaded", "Credentials of the type are loaded: staged, approved or available"),
    APPROVED("Approved", "A project manager other than the planner approved the rollout"),
    LIVE("Live", "The type's pool has credentials available to devices"),
    GO_AHEAD_SENT("Go-ahead sent", "The project manager and the operator's contacts were told to go ahead"),
    ACKNOWLEDGED("Acknowledged", "The project manager or the operator acknowledged the go-ahead"),
    IN_PROGRESS("In progress", "Devices of the operator receive the credentials"),
    COMPLETE("Complete", "Delivered credentials reached the target"),
    CANCELLED("Cancelled", "The rollout was cancelled");

    private final String label;
    private final String meaning;

    RolloutStage(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** The class name the UI gives a stage badge, e.g. {@code stage-go-ahead-sent}. */
    public String cssName() {
        return "stage-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
