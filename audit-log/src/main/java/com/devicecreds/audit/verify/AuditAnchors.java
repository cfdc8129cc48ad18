package com.devicecreds.audit.verify;

import java.time.Clock;
import java.util.Optional;

import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.internal.AuditChain;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the chain head to the anchor file outside the database, when it moved since the last anchor.
 * A scheduled job calls it; each anchor pins every row up to the head, so rows cut off later, or a
 * chain rewritten later, no longer agree with it.
 */
@Component
public class AuditAnchors {

    private final JdbcClient jdbc;
    private final AnchorFile file;
    private final Clock clock;

    AuditAnchors(JdbcClient jdbc, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.file = new AnchorFile(properties.anchorFile(), new AuditChain(properties.chainKey()));
        this.clock = clock;
    }

    /** Appends the current head as an anchor unless the last anchor already holds it; returns what was written. */
    public Optional<Anchor> anchorHead() {
        Anchor head = jdbc.sql("select seq, hash from audit_chain_head")
                .query((rs, n) -> new Anchor(rs.getLong("seq"), rs.getBytes("hash"), clock.instant())).single();
        var anchors = file.read().anchors();
        if (head.seq() == 0 || !anchors.isEmpty() && anchors.getLast().seq() == head.seq()) {
            return Optional.empty();
        }
        file.append(head);
        return Optional.of(head);
    }

    /** The last anchor in the anchor file, if it holds any readable one. */
    public Optional<Anchor> lastAnchor() {
        var anchors = file.read().anchors();
        return anchors.isEmpty() ? Optional.empty() : Optional.of(anchors.getLast());
    }

    AnchorFile file() {
        return file;
    }
}
