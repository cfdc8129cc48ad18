package com.devicecreds.portal.demo;

import java.util.Locale;

/**
 * Device IDs of the demo world. Device number {@code i} of an operator has one ID of every kind
 * (its MAC, SoC ID, serial and factory certificate fingerprint), computed rather than stored, so
 * that the generator never holds millions of strings. Each kind is made from a bijective mix of
 * (operator, device number): two devices never share an ID.
 */
final class DeviceIds {

    /** Devices per operator the 24 bits left of a MAC after the manufacturer's prefix can tell apart. */
    static final int MAX_DEVICES_PER_OPERATOR = 1 << 21;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final long salt;

    DeviceIds(long seed) {
        this.salt = mix64(seed ^ 0x2545F4914F6CDD1DL);
    }

    /** The normalized ID of the given kind of one device. */
    String id(String kind, int operator, int device, DemoCatalog.ModelDef model) {
        if (device < 0 || device >= MAX_DEVICES_PER_OPERATOR || operator < 0 || operator > 7) {
            throw new IllegalArgumentException("Device " + operator + "/" + device + " is outside the demo world");
        }
        long key = ((long) operator << 32) | device;
        return switch (kind) {
            case "mac" -> model.oui() + hex(scramble24((operator << 21) | device), 6);
            case "soc-id" -> hex(mix64(salt ^ key), 16);
            case "serial" -> model.serialPrefix() + "-" + base32(mix64((salt + 1) ^ key));
            case "cert-fingerprint" -> fingerprint(mix64((salt + 2) ^ key));
            default -> throw new IllegalArgumentException("Unknown device ID kind " + kind);
        };
    }

    /**
     * A MAC in the colon-separated lower-case form some device firmware reports. Anything that is not
     * a normalized MAC (12 hex digits) is reported as it is.
     */
    static String colonSeparated(String mac) {
        if (!mac.matches("[0-9A-F]{12}")) {
            return mac;
        }
        var sb = new StringBuilder(17);
        for (int i = 0; i < mac.length(); i += 2) {
            sb.append(i == 0 ? "" : ":").append(mac, i, i + 2);
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static String fingerprint(long first) {
        var sb = new StringBuilder(64).append(hex(first, 16));
        long h = first;
        for (int i = 0; i < 3; i++) {
            h = mix64(h + 0x9E3779B97F4A7C15L);
            sb.append(hex(h, 16));
        }
        return sb.toString();
    }

    /** A bijection on 24 bits: odd multipliers and xor-shifts, so MACs look scattered yet never collide. */
    static int scramble24(int x) {
        int m = 0xFFFFFF;
        x = (x * 0x5BD1E9) & m;
        x ^= x >>> 12;
        x = (x * 0x27D4EB) & m;
        x ^= x >>> 11;
        return x;
    }

    /** SplitMix64's finalizer: a bijection on 64 bits with good avalanche. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String hex(long value, int digits) {
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(out);
    }

    private static String base32(long value) {
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = BASE32[(int) (value & 0x1F)];
            value >>>= 5;
        }
        return new String(out);
    }
}
