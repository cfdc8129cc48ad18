package com.devicecreds.reporting.contacts;

/** What adding a contact did: added, or refused with a message for the person who typed it. */
public sealed interface ContactChange {

    record Added(OperatorContact contact) implements ContactChange {
    }

    record Refused(String message) implements ContactChange {
    }
}
