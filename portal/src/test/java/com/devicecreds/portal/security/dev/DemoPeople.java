package com.devicecreds.portal.security.dev;

import java.util.List;
import java.util.Optional;

/** The development login's demo accounts, for tests outside this package (the list itself is private to it). */
public final class DemoPeople {

    public record Person(String username, String role, Optional<String> operatorCode) {
    }

    public static final String PASSWORD = DemoAccounts.PASSWORD;

    private DemoPeople() {
    }

    public static List<Person> all() {
        return DemoAccounts.ALL.stream().map(a -> new Person(a.username(), a.role(), a.operatorCode())).toList();
    }
}
