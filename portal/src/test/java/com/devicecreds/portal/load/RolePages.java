package com.devicecreds.portal.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.security.dev.DemoPeople.Person;

/**
 * The main pages of each role, as its menu offers them, each with a text only that page shows when it
 * rendered (its title or a heading). A pool page is one of the person's pools.
 */
final class RolePages {

    record Page(String name, String route, String expected) {
    }

    static final Page DASHBOARD = new Page("Dashboard", "", "Dashboard");

    private static final List<Page> EVERYONE = List.of(DASHBOARD,
            new Page("Key inventory", "inventory", "Key inventory"),
            new Page("Usage", "reports/usage", "Usage"),
            new Page("Device events", "reports/devices", "Device events"),
            new Page("Missing IDs", "reports/missing-ids", "Missing device IDs"),
            new Page("Rollouts", "rollouts", "Rollouts"),
            new Page("Notifications", "notifications", "Notifications"));
    private static final Page APPROVALS = new Page("Approvals", "loading/approvals", "Approvals");
    private static final Page AUDIT = new Page("Audit trail", "audit", "Audit trail");

    private RolePages() {
    }

    /**
     * The pages {@code person} walks; {@code pools} are the pool ids by operator code, with the key
     * {@code ""} for the pools of people who see every operator.
     */
    static List<Page> of(Person person, Map<String, List<Integer>> pools) {
        var pages = new ArrayList<>(EVERYONE);
        var own = pools.getOrDefault(person.operatorCode().orElse(""), List.of());
        if (!own.isEmpty()) {
            int pick = Math.floorMod(person.username().hashCode(), own.size());
            pages.add(2, new Page("Key pool", "inventory/" + own.get(pick), "Available and consumed"));
        }
        // The pages of fewer roles first: a walk starts at the page opened least, the first of equals.
        if (person.role().equals(Roles.AUDITOR) || person.role().equals(Roles.ADMIN)) {
            pages.addFirst(AUDIT);
        }
        if (person.role().equals(Roles.PKI_OPS) || person.role().equals(Roles.ADMIN)) {
            pages.addFirst(APPROVALS);
        }
        return List.copyOf(pages);
    }
}
