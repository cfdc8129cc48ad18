package com.devicecreds.portal.change;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/**
 * A proposed configuration change and where it stands (V38). {@code target} names what changes, e.g.
 * {@code operator/nordkabel/type/widevine-nk/device-cas}; {@code summary} says how, in words.
 */
public record ChangeRequest(long id, String kind, Optional<OperatorRef> operator, String target, String summary,
        String requestedBy, Instant requestedAt, Instant expiresAt, State state, Optional<String> decidedBy,
        Optional<Instant> decidedAt, Optional<String> reason) {

    public enum State {
        PENDING, APPLIED, REJECTED, WITHDRAWN, EXPIRED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public boolean pending() {
        return state == State.PENDING;
    }
}
