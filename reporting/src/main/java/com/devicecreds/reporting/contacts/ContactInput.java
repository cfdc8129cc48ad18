package com.devicecreds.reporting.contacts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The checks of a typed contact, the same as migration V33's constraints, with messages that say what to fix. */
final class ContactInput {

    /** V33's check: something, an at sign, a domain with a dot; no spaces. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private ContactInput() {
    }

    static String name(String name) {
        return name == null ? "" : name.strip();
    }

    /** Addresses are kept as typed except for surrounding blanks and the domain, which is case-insensitive. */
    static String email(String email) {
        String e = email == null ? "" : email.strip();
        int at = e.lastIndexOf('@');
        return at < 0 ? e : e.substring(0, at + 1) + e.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    static Optional<String> problem(String name, String email) {
        if (name.isEmpty()) {
            return Optional.of("Enter the contact's name.");
        }
        if (name.length() > 200) {
            return Optional.of("The name is longer than 200 characters.");
        }
        if (email.isEmpty()) {
            return Optional.of("Enter the contact's e-mail address.");
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            return Optional.of("'" + email + "' is not an e-mail address: it needs a name, an @ and a domain such as"
                    + " example.com, without spaces.");
        }
        return Optional.empty();
    }
}
