package com.devicecreds.portal.api.pools;

import java.util.List;

import com.devicecreds.inventory.alert.AlertService;
import com.devicecreds.portal.api.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Open inventory alerts, and their acknowledgement by PKI operations (audited by the service). */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts", description = "Inventory alerts of the pools you may see")
class AlertsApi {

    private final AlertService alerts;

    AlertsApi(AlertService alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    @Operation(summary = "Open alerts, newest first (at most 100)")
    List<Alert> open() {
        return alerts.openAlerts().stream().map(Alert::of).toList();
    }

    @PostMapping("/{id}/acknowledgement")
    @Operation(summary = "Acknowledge an open alert (PKI operations)",
            description = "409 when the alert is resolved or acknowledged already, or does not exist.")
    Alert acknowledge(@PathVariable long id) {
        return alerts.acknowledge(id).map(Alert::of).orElseThrow(() -> new ApiProblemException(HttpStatus.CONFLICT,
                "not-acknowledgeable", "Cannot acknowledge", "Alert " + id + " is not an open, unacknowledged alert."));
    }
}
