package com.devicecreds.inventory.loading.sample;

import java.util.Locale;

/** Normalized sample device IDs for each demo device-ID kind (the patterns of V2), made from a number. */
public enum DeviceIdKind {
    MAC, SOC_ID, SERIAL, CERT_FINGERPRINT;

    public static DeviceIdKind of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String sample(long salt, long n) {
        long mixed = (salt * 0x9E3779B97F4A7C15L) ^ n;
        return switch (this) {
            case MAC -> String.format(Locale.ROOT, "%012X", mixed & 0xFFFF_FFFF_FFFFL);
            case SOC_ID -> String.format(Locale.ROOT, "%016X", mixed);
            case SERIAL -> String.format(Locale.ROOT, "SN-%X-%08d", salt & 0xFFFF, n);
            case CERT_FINGERPRINT -> String.format(Locale.ROOT, "%016X%016X%016X%016X", salt, n, mixed, ~mixed);
        };
    }
}
