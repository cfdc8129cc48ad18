package com.devicecreds.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.devicecreds.access.Actor;

/**
 * One action to record. The actor's operator is the record's operator scope.
 *
 * @param target  what the action was done to (a batch ref, a pool, a user name), empty if nothing
 * @param details small facts worth keeping (old and new values, counts, reasons)
 */
public record AuditRecord(Actor actor, AuditAction action, AuditOutcome outcome, String target,
        Map<String, String> details) {

    public AuditRecord {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        target = target == null ? "" : target;
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    public static AuditRecord of(Actor actor, AuditAction action, AuditOutcome outcome, String target) {
        return new AuditRecord(actor, action, outcome, target, Map.of());
    }

    public AuditRecord withDetail(String key, Object value) {
        var copy = new TreeMap<>(details);
        copy.put(key, String.valueOf(value));
        return new AuditRecord(actor, action, outcome, target, copy);
    }
}
