package com.devicecreds.portal.security.dev;

import java.util.List;
import java.util.Optional;

import com.devicecreds.access.Roles;

/**
 * The demo accounts of the development login, one or more per role. Three PKI operators, because
 * dual control needs two people besides the submitter when a credential type asks for two approvals,
 * and two project managers, because a rollout is approved by one
 * who did not plan it; operator staff of two different operators, to show tenancy.
 * The operator codes are those of the demo world.
 */
final class DemoAccounts {

    static final String PASSWORD = "demo";

    static final List<DemoAccount> ALL = List.of(
            new DemoAccount("pki.anna", "Anna Lindqvist", Roles.PKI_OPS, Optional.empty()),
            new DemoAccount("pki.ben", "Ben Okafor", Roles.PKI_OPS, Optional.empty()),
            new DemoAccount("pki.chiara", "Chiara Rossi", Roles.PKI_OPS, Optional.empty()),
            new DemoAccount("pm.clara", "Clara Moreau", Roles.PROJECT_MANAGER, Optional.empty()),
            new DemoAccount("pm.felix", "Felix Brandt", Roles.PROJECT_MANAGER, Optional.empty()),
            new DemoAccount("audit.dora", "Dora Hansen", Roles.AUDITOR, Optional.empty()),
            new DemoAccount("admin.erik", "Erik Novak", Roles.ADMIN, Optional.empty()),
            new DemoAccount("op.nordkabel", "Nina Berg (Nordkabel)", Roles.OPERATOR_STAFF, Optional.of("nordkabel")),
            new DemoAccount("op.sunwave", "Samir Haddad (Sunwave)", Roles.OPERATOR_STAFF, Optional.of("sunwave")));

    private DemoAccounts() {
    }

    record DemoAccount(String username, String displayName, String role, Optional<String> operatorCode) {
    }
}
