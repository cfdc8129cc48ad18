package com.devicecreds.inventory.alert;

/** What an inventory alert is about. */
public enum AlertKind {
    /** The pool's level changed (ok, warning, critical, empty). */
    LEVEL,
    /** Days of runway fell below the key-generation lead time: order keys now. */
    RUNWAY
}
