package com.devicecreds.reporting.devices;

/** A device ID on an operator's authorized list for a credential type, in the given list part. */
public record AuthorizedEntry(String deviceId, String operatorCode, String credentialType, int partNumber) {
}
