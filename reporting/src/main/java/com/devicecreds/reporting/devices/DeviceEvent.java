package com.devicecreds.reporting.devices;

import java.time.Instant;
import java.util.Optional;

/** One provisioning request of a device and what the service answered. */
public record DeviceEvent(long id, Instant occurredAt, String operatorCode, String credentialType, String outcome,
        Optional<String> rejectionReason, Optional<String> credentialRef, String serverNode, Optional<String> model) {
}
