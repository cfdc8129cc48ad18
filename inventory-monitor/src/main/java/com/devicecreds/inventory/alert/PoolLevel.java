package com.devicecreds.inventory.alert;

/** How full a key pool is against its thresholds, from fine to dry. Ordered by severity. */
public enum PoolLevel {
    OK, WARNING, CRITICAL, EMPTY;

    public boolean isWorseThan(PoolLevel other) {
        return compareTo(other) > 0;
    }
}
