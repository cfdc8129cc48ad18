package com.devicecreds.portal.deviceca;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.Actor;
import com.devicecreds.access.OperatorScope;
import com.devicecreds.portal.change.ChangeHandler;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequest;
import org.springframework.stereotype.Component;

/**
 * Applies approved device CA changes in the approver's transaction, after checking them again: an
 * addition against the CAs trusted now (a parent may have gone, a duplicate arrived), a removal
 * against the sub-CAs still trusted.
 */
@Component
class DeviceCaChanges implements ChangeHandler {

    private final DeviceCaRows rows;
    private final Clock clock;

    DeviceCaChanges(DeviceCaRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(DeviceCaService.ADD, DeviceCaService.REMOVE);
    }

    @Override
    public void apply(ChangeRequest request, Map<String, String> proposed, Actor approver) {
        Instant now = clock.instant();
        if (request.kind().equals(DeviceCaService.REMOVE)) {
            long id = Long.parseLong(proposed.get("deviceCa"));
            if (rows.trustedChildren(id) > 0) {
                throw new ChangeRefusedException("This CA issued sub-CAs that are trusted now: remove them first.");
            }
            if (!rows.remove(id, approver.username(), now)) {
                throw new ChangeRefusedException("This CA is no longer trusted.");
            }
            return;
        }
        short operator = Short.parseShort(proposed.get("operator"));
        int type = Integer.parseInt(proposed.get("credentialType"));
        var pair = rows.pair(OperatorScope.all(), operator, type)
                .orElseThrow(() -> new ChangeRefusedException("The operator is no longer authorized for the credential type."));
        refuseRevoked(pair);
        var upload = CaCertificates.parse(proposed.get("certificates").getBytes(StandardCharsets.US_ASCII));
        var ids = new HashMap<X509Certificate, Long>();
        for (var placement : check(pair, upload, OperatorScope.all(), false)) {
            Optional<Long> parent = placement.trustedParent().or(() -> placement.uploadedParent().map(ids::get));
            ids.put(placement.certificate(), rows.insert(operator, type, placement.certificate(), parent,
                    request.requestedBy(), approver.username(), now, request.id()));
        }
    }

    /**
     * A revoked operator's devices are refused whatever their chain (decision 022): no CA is added for
     * its pairs. The CAs trusted before stay readable and removable.
     */
    void refuseRevoked(CaPair pair) {
        rows.revokedAt(pair.operator().id(), pair.credentialTypeId()).ifPresent(at -> {
            throw new ChangeRefusedException("Operator " + pair.operator().code() + "'s authorization for " + pair.typeName()
                    + " was revoked on " + at.toString().substring(0, 10) + ": no CA is added for it until it is authorized again.");
        });
    }

    /** The checks of an upload against the pair's trusted CAs (and, when proposing, the pending proposals). */
    List<ChainCheck.Placement> check(CaPair pair, List<X509Certificate> upload, OperatorScope scope, boolean countPending) {
        Map<Long, X509Certificate> trusted = new HashMap<>();
        var taken = new HashSet<String>();
        for (var ca : rows.trusted(scope, pair.operator().id(), pair.credentialTypeId())) {
            trusted.put(ca.id(), rows.certificate(ca.id()));
            taken.add(ca.fingerprint());
        }
        if (countPending) {
            taken.addAll(rows.pendingFingerprints(pair.operator().id(), pair.target()));
        }
        return ChainCheck.check(upload, trusted, taken, clock.instant());
    }
}
