package com.devicecreds.access;

/**
 * The portal's roles, the one place their names are written. Annotations use these constants,
 * never string literals. Identity providers carry the same names as realm roles.
 */
public final class Roles {

    /** Network operator staff: bound to exactly one operator, and see only that operator's data. */
    public static final String OPERATOR_STAFF = "OPERATOR_STAFF";
    /** PKI operations: all pools, credential loading and approvals, all operators. */
    public static final String PKI_OPS = "PKI_OPS";
    /** Project managers: rollouts, go-ahead, rollout approvals. */
    public static final String PROJECT_MANAGER = "PROJECT_MANAGER";
    /** Auditors: read the audit trail. */
    public static final String AUDITOR = "AUDITOR";
    /** Administrators: configuration of the portal and the provisioning service. */
    public static final String ADMIN = "ADMIN";

    /**
     * Not a portal role and never a user's: the authority of Prometheus when it scrapes
     * /actuator/prometheus with the scrape credentials (docs/decisions/029-business-metrics-and-scraping.md).
     */
    public static final String METRICS_SCRAPER = "METRICS_SCRAPER";

    /** Spring Security's prefix for role authorities. */
    public static final String ROLE_PREFIX = "ROLE_";

    private Roles() {
    }

    /** Every role, in the order menus and documentation list them. */
    public static java.util.List<String> all() {
        return java.util.List.of(OPERATOR_STAFF, PKI_OPS, PROJECT_MANAGER, AUDITOR, ADMIN);
    }
}
