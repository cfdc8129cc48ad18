package com.devicecreds.audit.verify;

/** What the verifier found wrong with the audit trail, from the first bad row on. */
public enum Tampering {

    ROW_CHANGED("The row does not match its hash, and the next row still refers to that hash: its content was changed"),
    ROW_INSERTED("The row does not match its hash, and the next row refers to the row before it: it was inserted"),
    ROWS_REORDERED("The row holds a row that was written under another sequence number: rows were moved or swapped"),
    ROW_FORGED("The row does not match its hash and no row refers to it: it was changed or forged"),
    ROWS_MISSING("Sequence numbers are missing: rows were deleted"),
    LINK_BROKEN("The row is intact but does not follow the row before it: that row was replaced"),
    HEAD_MISMATCH("The chain head does not point at the last row: rows were cut off or the head was changed"),
    TAIL_CUT("An anchor written outside the database saw rows that are no longer there: the tail was cut off"),
    ANCHOR_MISMATCH("A row differs from what an anchor written outside the database saw: the chain was rewritten"),
    BASE_MOVED("The chain's base was moved past rows that no signed purge record accounts for: rows were deleted from the start"),
    PURGE_INSIDE_RETENTION("Rows were purged that were younger than the two-year retention minimum when the purge was recorded"),
    ANCHOR_FORGED("A line of the anchor file does not verify with the audit trail's public keys: the anchor file was changed or re-signed");

    private final String meaning;

    Tampering(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
