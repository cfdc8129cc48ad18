package com.devicecreds.audit;

/**
 * The typed catalogue of auditable actions. Each action records exactly one event per attempt,
 * with its outcome (success, denied or failed). Feature issues add their actions here.
 */
public enum AuditAction {

    LOGIN("A user signed in, or tried to"),
    LOGOUT("A user signed out"),
    ACCESS_DENIED("A signed-in user was refused a service operation or a page (the target names the method or the route)"),
    DEMO_WORLD_SEEDED("The demo world was generated in an empty database"),
    POOL_THRESHOLDS_CHANGED("A PKI operator changed a pool's inventory thresholds (old and new values kept)"),
    ALERT_ACKNOWLEDGED("A PKI operator acknowledged an inventory alert"),
    ALERT_SNOOZED("A PKI operator snoozed an inventory alert for a time or until the next batch"),
    AUDIT_VERIFIED("An auditor verified the audit trail's hash chain and anchors (failed: tampering was found, or it could not be verified)"),
    AUDIT_EXPORTED("An auditor exported the audit rows a search found, as signed JSON lines, a spreadsheet or CSV (`format`)"),
    AUDIT_PURGED("The retention purge deleted audit rows older than the retention period, the range stated first in a signed purge record"),
    FACILITY_CERTIFICATE_TRUSTED("An administrator trusted a key generation facility's certificate for signing credential packages"),
    FACILITY_CERTIFICATE_REMOVED("An administrator removed a key generation facility's certificate from the trusted ones"),
    CREDENTIAL_PACKAGE_UPLOADED("A PKI operator uploaded a credential package: staged as a batch, or refused with its problems"),
    BATCH_APPROVED("A PKI operator approved a staged credential batch, bound to the manifest hash they saw (denied: the decision was refused)"),
    BATCH_REJECTED("A PKI operator rejected a staged credential batch with a reason, which ends its request (denied: refused)"),
    BATCH_APPROVALS_VOIDED("A batch's manifest hash no longer matched what an approver saw: its approvals were voided"),
    BATCH_EXPIRED("A credential batch expired: no decision in time, or approved but not activated in time"),
    BATCH_ACTIVATED("An approved credential batch was activated: all its credentials became available at once"),
    BATCH_ACTIVATION_REFUSED("At activation the stored credentials, manifest or approvals no longer matched what was sealed and approved: the batch was marked tampered and not activated"),
    BATCH_WITHDRAWN("The submitter withdrew their own waiting credential batch request (denied: not theirs, or no longer waiting)"),
    STEP_UP_FAILED("A wrong password when confirming who one is before a decision, or a try while locked out after repeated failures (denied)"),
    REPORT_EXPORTED("A user exported a report as a spreadsheet or CSV (which report, format, operator, rows; cancelled or failed exports too)"),
    AUTHORIZED_LIST_PART_IMPORTED("A PKI operator imported an operator's next authorized device list part, or it was refused with its problems"),
    OPERATOR_CONTACT_ADDED("An operator's e-mail contact (go-ahead and scheduled reports) was added (denied: not the user's operator)"),
    OPERATOR_CONTACT_REMOVED("An operator's e-mail contact was removed, and with it from the operator's report schedules"),
    OPERATOR_CONTACT_CHANGED("Someone switched whether an operator contact receives the go-ahead of the operator's rollouts (denied: not a contact the caller may manage)"),
    REPORT_SCHEDULE_CHANGED("A scheduled report was created, changed, enabled, disabled or deleted (old and new values kept)"),
    REPORT_DELIVERED("A scheduled report ran, by its schedule or run now: sent to its recipients through the outbox, or failed"),
    ROLLOUT_CREATED("A project manager or PKI operator planned a rollout (failed: the input was refused with its problems)"),
    ROLLOUT_APPROVED("A project manager approved a rollout planned by someone else (denied: their own, already approved, or cancelled)"),
    ROLLOUT_GO_AHEAD_SENT("A rollout was approved and its credentials live: the go-ahead went to its project manager and the operator's contacts"),
    ROLLOUT_ACKNOWLEDGED("A project manager or the operator's staff acknowledged a rollout's go-ahead"),
    ROLLOUT_CANCELLED("A project manager or PKI operator cancelled a rollout with a reason"),
    CONFIG_CHANGE_REQUESTED("An administrator or PKI operator requested a configuration change for dual control (failed: the proposal was refused)"),
    CONFIG_CHANGE_APPROVED("A second person approved a configuration change and it was applied (denied: the requester, not pending, or no longer applicable)"),
    CONFIG_CHANGE_REJECTED("A second person rejected a configuration change with a reason (denied: the requester or not pending)"),
    CONFIG_CHANGE_WITHDRAWN("The requester withdrew their pending configuration change"),
    CONFIG_CHANGE_EXPIRED("A configuration change request expired without a decision"),
    DEVICE_CA_CRL_LOADED("A revocation list of a trusted device CA was uploaded or fetched and stored (failed: refused with the reason)"),
    DEVICE_CA_CRL_URL_SET("An administrator or PKI operator set or cleared the CRL distribution point of a trusted device CA by hand"),
    CREDENTIAL_TYPE_RENAMED("An administrator or PKI operator changed a credential type's display name, outside dual control (failed: refused with the reason)"),
    DEVICE_MODEL_REGISTERED("An administrator or PKI operator registered a device model in the catalogue, which authorizes nothing (failed: blank or a duplicate)"),
    API_TOKEN_CREATED("A user created a personal API token for the REST API (failed: refused, e.g. too long a validity)"),
    API_TOKEN_REVOKED("A user revoked one of their personal API tokens (denied: not their token, or already revoked)"),
    WEBHOOK_ENDPOINT_REGISTERED("PKI operations or operator staff registered a webhook endpoint; its secret is never recorded (failed: refused, e.g. not https)"),
    WEBHOOK_ENDPOINT_ENABLED("A webhook endpoint was enabled again (denied: not visible to the user)"),
    WEBHOOK_ENDPOINT_DISABLED("A webhook endpoint was disabled: its deliveries wait (denied: not visible to the user)"),
    WEBHOOK_ENDPOINT_DELETED("A webhook endpoint was deleted with its delivery history (denied: not visible to the user)"),
    WEBHOOK_TEST_SENT("A test event was queued for one webhook endpoint (denied: not visible to the user)");

    private final String meaning;

    AuditAction(String meaning) {
        this.meaning = meaning;
    }

    /** One line saying what the action means, for the catalogue in the documentation and the audit view. */
    public String meaning() {
        return meaning;
    }
}
