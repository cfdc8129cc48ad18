package com.devicecreds.reporting.devices;

import java.time.Instant;

/** A device with events in the caller's scope: its stored ID and kind, how many requests, first and last. */
public record DeviceMatch(String deviceId, String kind, long events, Instant firstSeen, Instant lastSeen) {
}
