package com.devicecreds.reporting.devices;

import java.util.List;

/** What a device search found: devices, nothing (and whether the ID is on an authorized list), or bad input. */
public sealed interface DeviceSearchResult {

    /** Devices with events, ordered by ID; {@code more} when the prefix matched more than were returned. */
    record Found(List<DeviceMatch> devices, boolean more) implements DeviceSearchResult {
    }

    /** No events for any of the searched stored forms; the authorized-list entries of those forms, if any. */
    record NotFound(List<String> searched, List<AuthorizedEntry> authorized) implements DeviceSearchResult {
    }

    /** The input is no device ID (or too short a prefix); the message says why. */
    record Invalid(String message) implements DeviceSearchResult {
    }
}
