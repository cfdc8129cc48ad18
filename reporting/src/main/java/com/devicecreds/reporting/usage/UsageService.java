package com.devicecreds.reporting.usage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Provisioning usage, always within the caller's operator scope. The last-hours counts are live
 * counts over recent events; periods of days come from the daily rollups ({@link UsageRollups}),
 * never from a raw scan.
 */
@Service
@Transactional(readOnly = true)
public class UsageService {

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;

    private final UsageRollups rollups;

    UsageService(JdbcClient jdbc, CurrentActor currentActor, UsageRollups rollups) {
        this.jdbc = jdbc;
        this.currentActor = currentActor;
        this.rollups = rollups;
    }

    /**
     * Usage of a period by credential type and outcome, with the previous period to compare. A chosen
     * operator narrows the caller's scope; operator staff choosing another operator get an empty report.
     */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public UsageReport usage(UsageQuery query) {
        var scope = currentActor.scope();
        return rollups.report(query.operator().map(scope::narrowTo).orElse(scope), query);
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public OutcomeCounts outcomesSince(Instant since) {
        return jdbc.sql("""
                        select count(*) filter (where outcome = 'delivered')    as delivered,
                               count(*) filter (where outcome = 're-delivered') as redelivered,
                               count(*) filter (where outcome = 'rejected')     as rejected
                        from provisioning_event
                        where occurred_at >= :since
                          and (cast(:operatorId as smallint) is null or operator_id = :operatorId)""")
                .param("since", Timestamp.from(since))
                .param("operatorId", currentActor.scope().operatorIdOrNull())
                .query((rs, n) -> new OutcomeCounts(rs.getLong("delivered"), rs.getLong("redelivered"),
                        rs.getLong("rejected")))
                .single();
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public List<ReasonCount> rejectionsSince(Instant since) {
        return jdbc.sql("""
                        select rejection_reason, count(*) as n
                        from provisioning_event
                        where occurred_at >= :since and outcome = 'rejected'
                          and (cast(:operatorId as smallint) is null or operator_id = :operatorId)
                        group by rejection_reason
                        order by n desc""")
                .param("since", Timestamp.from(since))
                .param("operatorId", currentActor.scope().operatorIdOrNull())
                .query((rs, n) -> new ReasonCount(rs.getString("rejection_reason"), rs.getLong("n")))
                .list();
    }
}
