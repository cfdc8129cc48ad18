package com.devicecreds.portal.api.pools;

import java.util.List;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.inventory.alert.AlertService;
import com.devicecreds.inventory.pool.InventoryService;
import com.devicecreds.inventory.pool.PoolSummary;
import com.devicecreds.portal.api.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Key pools with their counts, runway and alert level, as the inventory page shows them. */
@RestController
@RequestMapping("/api/v1/pools")
@Tag(name = "Pools", description = "Key inventory per credential type")
class PoolsApi {

    private final InventoryService inventory;
    private final AlertService alerts;

    PoolsApi(InventoryService inventory, AlertService alerts) {
        this.inventory = inventory;
        this.alerts = alerts;
    }

    @GetMapping
    @Operation(summary = "The pools you may see", description = "Operator staff see their operator's pools and the "
            + "shared pools their operator is authorized for; every other role sees all pools. Pools are few: no paging.")
    List<Pool> pools() {
        return inventory.pools().stream().map(PoolsApi::pool).toList();
    }

    @GetMapping("/{typeCode}")
    @Operation(summary = "One pool, by its credential type's code")
    Pool pool(@PathVariable String typeCode) {
        return inventory.pools().stream().filter(p -> p.typeCode().equals(typeCode)).findFirst().map(PoolsApi::pool)
                .orElseThrow(() -> ApiProblemException.notFound("The pool '" + typeCode + "'"));
    }

    @GetMapping("/{typeCode}/alerts")
    @Operation(summary = "The last 100 alerts of one pool, newest first")
    List<Alert> alertsOf(@PathVariable String typeCode) {
        return alerts.alertsOf(pool(typeCode).credentialTypeId()).stream().map(Alert::of).toList();
    }

    static Pool pool(PoolSummary p) {
        return new Pool(p.credentialTypeId(), p.typeCode(), p.typeName(), p.credentialKind(),
                p.operator().map(OperatorRef::code).orElse(null), p.bindingMode(), p.available(), p.bound(), p.loaded(),
                p.deliveredLast24Hours(), p.averagePerDay(),
                p.runwayDays().isPresent() ? p.runwayDays().getAsDouble() : null, p.level().name());
    }

    /**
     * @param operator   the owning operator's code; null for a shared type
     * @param runwayDays days until empty at the last 7 days' average; null without consumption
     * @param level      the alert level the engine last settled on: OK, WARNING, CRITICAL or EMPTY
     */
    record Pool(int credentialTypeId, String typeCode, String typeName, String credentialKind, String operator,
            String bindingMode, long available, long bound, long loaded, long deliveredLast24Hours,
            double averagePerDay, Double runwayDays, String level) {
    }
}
