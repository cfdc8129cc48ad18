package com.devicecreds.audit.verify;

import java.time.Instant;
import java.util.HexFormat;

/**
 * What the chain held at one row, kept outside the database: the row's sequence number and hash. A head
 * anchor (the periodic job) has the time it was taken; a witness anchor (written for every row as it is
 * committed) has the row's time and the SHA-256 of the row's canonical form, so that its content can be
 * checked with the public key alone.
 *
 * @param contentDigest SHA-256 of the row's canonical form, or null for a head anchor
 */
public record Anchor(long seq, byte[] hash, Instant at, byte[] contentDigest) {

    public Anchor(long seq, byte[] hash, Instant at) {
        this(seq, hash, at, null);
    }

    public boolean witness() {
        return contentDigest != null;
    }

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }
}
