package com.devicecreds.audit;

import java.time.Instant;

/** Where a record landed in the chain. */
public record AuditReceipt(long sequence, Instant occurredAt, byte[] rowHash) {
}
