package com.devicecreds.portal.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The generated provisioning history, held in compact arrays (one slot per event) rather than
 * objects: a million events fit in some 30 MB. Device IDs are computed again when written.
 */
final class History {

    final int size;
    final long[] at;
    final byte[] operator;
    final byte[] type;
    final int[] device;
    final byte[] outcome;
    /** Index into the catalog's models plus one; 0 when the device reported a model nobody knows. */
    final short[] model;
    /** The credential's index within its type, -1 for rejections. */
    final int[] credential;
    final byte[] node;
    final Bindings[] bindings;
    final List<List<Batch>> batches;

    History(int size, int types) {
        this.size = size;
        at = new long[size];
        operator = new byte[size];
        type = new byte[size];
        device = new int[size];
        outcome = new byte[size];
        model = new short[size];
        credential = new int[size];
        node = new byte[size];
        bindings = new Bindings[types];
        batches = new ArrayList<>();
        for (int t = 0; t < types; t++) {
            batches.add(new ArrayList<>());
        }
    }

    ProvisioningOutcome outcome(int event) {
        return ProvisioningOutcome.values()[outcome[event]];
    }

    /** Credentials of one type in the order of their ids, with batches covering [0, total). */
    int credentialCount(int type) {
        return batches.get(type).stream().mapToInt(Batch::size).sum();
    }

    /** One loaded batch of a type; its credentials follow those of the batches before it. */
    record Batch(int size, Instant activatedAt) {
    }

    /** Which device (of which operator) each credential of a type was bound to, and when; at 0 = not bound. */
    static final class Bindings {
        int[] device;
        byte[] operator;
        long[] at;
        int count;

        Bindings(int capacity) {
            device = new int[Math.max(capacity, 16)];
            operator = new byte[device.length];
            at = new long[device.length];
        }

        void set(int index, int boundDevice, int boundOperator, long boundAt) {
            if (index >= device.length) {
                int n = Math.max(index + 1, device.length * 2);
                device = Arrays.copyOf(device, n);
                operator = Arrays.copyOf(operator, n);
                at = Arrays.copyOf(at, n);
            }
            device[index] = boundDevice;
            operator[index] = (byte) boundOperator;
            at[index] = boundAt;
            count = Math.max(count, index + 1);
        }

        boolean bound(int index) {
            return index < count && at[index] != 0;
        }
    }
}
