package com.devicecreds.reporting.devices;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.reporting.devices.DeviceIdNotation.Candidate;
import com.devicecreds.reporting.devices.DeviceIdNotation.InvalidDeviceIdException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds a device's provisioning requests by any kind of device ID in any common notation, within
 * the caller's operator scope: operator staff never learn whether another operator's device exists,
 * neither from events nor from authorized lists.
 */
@Service
@Transactional(readOnly = true)
public class DeviceSearchService {

    /** Devices listed for a prefix; the user narrows the prefix to see others. */
    public static final int PREFIX_MATCHES = 50;
    private static final int MAX_PAGE = 500;

    private final DeviceEvents events;
    private final DeviceIdKinds kinds;
    private final CurrentActor currentActor;

    DeviceSearchService(DeviceEvents events, DeviceIdKinds kinds, CurrentActor currentActor) {
        this.events = events;
        this.kinds = kinds;
        this.currentActor = currentActor;
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public DeviceSearchResult search(String input, SearchMode mode) {
        var scope = currentActor.scope();
        try {
            if (mode == SearchMode.PREFIX) {
                var matches = events.devicesStartingWith(scope, DeviceIdNotation.prefixes(input), PREFIX_MATCHES + 1);
                if (matches.isEmpty()) {
                    return new DeviceSearchResult.NotFound(DeviceIdNotation.prefixes(input).stream().map(p -> p + "…").toList(),
                            List.of());
                }
                return new DeviceSearchResult.Found(matches.subList(0, Math.min(PREFIX_MATCHES, matches.size())),
                        matches.size() > PREFIX_MATCHES);
            }
            var ids = DeviceIdNotation.parse(input, kinds.patterns(), kinds.names()).stream()
                    .map(Candidate::deviceId).toList();
            var found = events.devices(scope, ids);
            return found.isEmpty() ? new DeviceSearchResult.NotFound(ids, events.authorized(scope, ids))
                    : new DeviceSearchResult.Found(found, false);
        } catch (InvalidDeviceIdException e) {
            return new DeviceSearchResult.Invalid(e.getMessage());
        }
    }

    /** The device's requests, newest first; a page of at most {@value #MAX_PAGE}. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public List<DeviceEvent> timeline(String deviceId, int offset, int limit) {
        return events.timeline(currentActor.scope(), deviceId, Math.max(offset, 0), Math.clamp(limit, 0, MAX_PAGE));
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public long timelineSize(String deviceId) {
        return events.timelineSize(currentActor.scope(), deviceId);
    }
}
