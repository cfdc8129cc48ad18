package com.devicecreds.inventory.loading.batch;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Batches loaded through packages, newest first. PKI operations work across operators; the scope
 * still comes from the caller (fails closed), so a wider role list later cannot leak another
 * operator's batches.
 */
@Service
public class BatchService {

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;

    BatchService(JdbcClient jdbc, CurrentActor currentActor) {
        this.jdbc = jdbc;
        this.currentActor = currentActor;
    }

    /** A page of the batches loaded through packages, newest first. */
    @RolesAllowed(Roles.PKI_OPS)
    @Transactional(readOnly = true)
    public List<StagedBatch> loadedBatches(int offset, int limit) {
        var scope = currentActor.scope();
        return jdbc.sql(BatchRows.SELECT + """
                        where """ + BatchRows.IN_SCOPE + """
                        order by b.submitted_at desc, b.id desc offset :offset limit :limit""")
                .param("operatorId", scope.operatorIdOrNull())
                .param("offset", Math.max(offset, 0))
                .param("limit", Math.max(limit, 0))
                .query(BatchRows::row).list();
    }
}
