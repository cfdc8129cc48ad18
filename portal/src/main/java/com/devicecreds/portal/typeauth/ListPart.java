package com.devicecreds.portal.typeauth;

import java.time.Instant;

/** One part of an operator's authorized device-ID list for a credential type, as it was loaded. */
public record ListPart(int partNumber, String sourceName, int entries, Instant receivedAt) {
}
