package com.devicecreds.inventory.loading.sample;

/** What a deliberately bad sample package gets wrong, for the tests of validation. */
public enum Defect {
    /** One record's payload changed after the manifest was signed. */
    TAMPERED_RECORD,
    /** The signed manifest announces one record more than the package holds. */
    WRONG_COUNT,
    /** No signature and no signer certificate. */
    UNSIGNED,
    /** The second record repeats the first record's credential ID. */
    DUPLICATE_IDS,
    /** The first record's device ID is written in lower case with separators, not in normalized form. */
    BAD_DEVICE_ID,
    /** The records entry inflates from a few hundred kilobytes to 64 MiB of zeros. */
    ZIP_BOMB,
    /** An extra entry whose name climbs out of the extraction directory. */
    PATH_TRAVERSAL
}
