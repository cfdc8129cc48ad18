package com.devicecreds.audit.internal;

import com.devicecreds.audit.AuditRow;

/**
 * Keeps a record of every committed audit row outside the database, at once, so that rows cut off the
 * tail later no longer agree with it (docs/decisions/024-insider-threat-model.md).
 */
public interface RowWitness {

    void witness(AuditRow row);
}
