package com.devicecreds.audit.verify;

import java.time.Clock;
import java.util.Optional;

import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.keys.AuditKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the chain head to the anchor file outside the database, when it moved past what this process
 * last wrote there. A scheduled job calls it. Every row is witnessed as it is committed; the head anchor
 * also covers rows that another node wrote, or whose witness line was lost to a crash or a full disk.
 */
@Component
public class AuditAnchors {

    private final JdbcClient jdbc;
    private final AnchorFile file;
    private final AuditProperties properties;
    private final AuditKeys keys;
    private final Clock clock;

    AuditAnchors(JdbcClient jdbc, AnchorFile file, AuditProperties properties, AuditKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.file = file;
        this.properties = properties;
        this.keys = keys;
        this.clock = clock;
    }

    /** Appends the current head as an anchor unless this process already wrote a line about it; returns what was written. */
    public Optional<Anchor> anchorHead() {
        Anchor head = jdbc.sql("select seq, hash from audit_chain_head")
                .query((rs, n) -> new Anchor(rs.getLong("seq"), rs.getBytes("hash"), clock.instant())).single();
        if (head.seq() == 0 || file.lastSeqWritten() >= head.seq()) {
            return Optional.empty();
        }
        file.anchor(head);
        return Optional.of(head);
    }

    /** The last validly signed anchor in the anchor file, if it holds any. */
    public Optional<Anchor> lastAnchor() {
        var anchors = read().anchors();
        return anchors.isEmpty() ? Optional.empty() : Optional.of(anchors.getLast());
    }

    AnchorFile file() {
        return file;
    }

    /** The anchor file as the verifier reads it: signatures checked with the public key ring. */
    public AnchorSource read() {
        return new AnchorReader(keys.publicKeys(), keys.chain()).read(properties.anchorFile());
    }
}
