package com.devicecreds.portal.api.devices;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.devicecreds.portal.api.ApiProblemException;
import com.devicecreds.portal.api.Cursor;
import com.devicecreds.portal.api.Page;
import com.devicecreds.reporting.devices.DeviceEvent;
import com.devicecreds.reporting.devices.DeviceMatch;
import com.devicecreds.reporting.devices.DeviceSearchResult;
import com.devicecreds.reporting.devices.DeviceSearchService;
import com.devicecreds.reporting.devices.SearchMode;
import com.devicecreds.reporting.lineage.CredentialLineage;
import com.devicecreds.reporting.lineage.LineageService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A device's provisioning requests and credential lineage by its ID in any notation (MAC with colons,
 * dashes or dots, SoC ID, serial, fingerprint), within the caller's operator scope: a device only
 * another operator saw is not found, exactly as in the device search.
 */
@RestController
@RequestMapping("/api/v1/devices/{deviceId}")
@Tag(name = "Devices", description = "Device events and credential lineage by device ID")
class DevicesApi {

    static final int MAX_LIMIT = 200;

    private final DeviceSearchService devices;
    private final LineageService lineage;

    DevicesApi(DeviceSearchService devices, LineageService lineage) {
        this.devices = devices;
        this.lineage = lineage;
    }

    @GetMapping
    @Operation(summary = "The devices an ID can be, with their event counts")
    List<DeviceMatch> device(@Parameter(description = "a device ID in any notation") @PathVariable String deviceId) {
        return switch (devices.search(deviceId, SearchMode.EXACT)) {
            case DeviceSearchResult.Found found -> found.devices();
            case DeviceSearchResult.NotFound notFound -> throw ApiProblemException.notFound("A device '" + deviceId + "'");
            case DeviceSearchResult.Invalid invalid -> throw ApiProblemException.badRequest("bad-device-id", invalid.message());
        };
    }

    @GetMapping("/events")
    @Operation(summary = "The device's provisioning requests, newest first, a page at a time",
            description = "409 when the ID is ambiguous (it is the stored form of more than one device).")
    Page<DeviceRequest> events(@Parameter(description = "a device ID in any notation") @PathVariable String deviceId,
            @RequestParam Optional<String> cursor, @RequestParam(defaultValue = "100") int limit) {
        var matches = device(deviceId);
        if (matches.size() > 1) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "ambiguous-device-id", "The device ID is ambiguous",
                    "'" + deviceId + "' is the ID of several devices; ask for one of them by its stored ID.",
                    java.util.Map.of("deviceIds", matches.stream().map(DeviceMatch::deviceId).toList()));
        }
        String stored = matches.getFirst().deviceId();
        int size = Cursor.limit(limit, MAX_LIMIT);
        String query = "device-events|" + stored;
        long position = Cursor.decode(cursor, query);
        return Page.of(devices.timeline(stored, (int) position, size + 1), size, query, position, DeviceRequest::of);
    }

    @GetMapping("/lineage")
    @Operation(summary = "Every credential the device holds or was handed, with its batch, facility and deliveries",
            description = "PKI operations, auditors and administrators.")
    List<CredentialLineage> lineage(@Parameter(description = "a device ID in any notation") @PathVariable String deviceId) {
        return lineage.ofDevice(deviceId);
    }

    record DeviceRequest(long id, Instant occurredAt, String operator, String credentialType, String outcome,
            String rejectionReason, String credentialRef, String serverNode, String model) {
        static DeviceRequest of(DeviceEvent e) {
            return new DeviceRequest(e.id(), e.occurredAt(), e.operatorCode(), e.credentialType(), e.outcome(),
                    e.rejectionReason().orElse(null), e.credentialRef().orElse(null), e.serverNode(), e.model().orElse(null));
        }
    }
}
