package com.devicecreds.audit.verify;

import java.time.Instant;
import java.util.HexFormat;

/** What the chain head was at one moment, kept outside the database: sequence number and row hash. */
public record Anchor(long seq, byte[] hash, Instant at) {

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }
}
