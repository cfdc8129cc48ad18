package com.devicecreds.audit.trail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditOutcome;

/**
 * What an auditor searches for; every part optional. Text parts match case-insensitively: the actor
 * and operator from their start, the target anywhere in it. The time range is [from, to).
 */
public record AuditQuery(Optional<String> actor, Optional<AuditAction> action, Optional<String> target,
        Optional<String> operator, Optional<AuditOutcome> outcome, Optional<Instant> from, Optional<Instant> to) {

    public static final int MAX_TEXT = 200;

    public static final AuditQuery ALL = new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public AuditQuery {
        actor = clean(actor, "actor");
        target = clean(target, "target");
        operator = clean(operator, "operator");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("The time range is empty: 'from' must be before 'to'");
        }
    }

    private static Optional<String> clean(Optional<String> text, String name) {
        var trimmed = text.map(String::strip).filter(s -> !s.isEmpty());
        if (trimmed.isPresent() && trimmed.get().length() > MAX_TEXT) {
            throw new IllegalArgumentException("The " + name + " to search for is longer than " + MAX_TEXT + " characters");
        }
        return trimmed;
    }

    /** One line saying what was searched, for the export's trailer and the audit record of an export. */
    public String describe() {
        var parts = new ArrayList<String>();
        actor.ifPresent(a -> parts.add("actor " + a + "*"));
        action.ifPresent(a -> parts.add("action " + a.name()));
        target.ifPresent(t -> parts.add("target *" + t + "*"));
        operator.ifPresent(o -> parts.add("operator " + o + "*"));
        outcome.ifPresent(o -> parts.add("outcome " + o.code()));
        from.ifPresent(f -> parts.add("from " + f));
        to.ifPresent(t -> parts.add("to " + t));
        return parts.isEmpty() ? "all rows" : String.join(", ", parts);
    }
}
