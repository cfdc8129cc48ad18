package com.devicecreds.inventory.pool;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import org.springframework.stereotype.Service;

/**
 * Key inventory per pool. Operator staff see the pools of their operator's types and of the shared
 * types their operator is authorized for; everyone else sees all pools.
 */
@Service
public class InventoryService {

    private final PoolSummaries summaries;
    private final CurrentActor currentActor;

    InventoryService(PoolSummaries summaries, CurrentActor currentActor) {
        this.summaries = summaries;
        this.currentActor = currentActor;
    }

    /** The pools visible to the caller, by type name. Types issued online have no pool and are left out. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public List<PoolSummary> pools() {
        return summaries.of(currentActor.scope());
    }
}
