package com.devicecreds.audit.verify;

import java.time.Instant;

/**
 * A signed statement, in the anchor file, that rows {@code fromSeq} to {@code toSeq} are purged: written
 * before the purge, it names the last row's hash (where the chain's base moves) and the newest row's time,
 * which must lie outside the retention minimum when the record was written.
 */
public record PurgeRecord(long fromSeq, long toSeq, byte[] toHash, Instant newestAt, Instant at) {
}
