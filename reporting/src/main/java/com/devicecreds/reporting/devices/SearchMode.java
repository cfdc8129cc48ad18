package com.devicecreds.reporting.devices;

/** Whether the input is a whole device ID or its beginning. */
public enum SearchMode {
    EXACT,
    PREFIX
}
