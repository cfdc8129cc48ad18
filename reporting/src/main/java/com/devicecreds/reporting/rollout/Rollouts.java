package com.devicecreds.reporting.rollout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.OperatorScope;
import com.devicecreds.reporting.usage.ReasonCount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rollouts the database keeps (migration V35) and the facts their stages come from: the
 * type's batches since the rollout was planned, its pool now, and the usage rollups of the
 * operator and type over the window. Every read takes an operator scope.
 */
@Component
class Rollouts {

    private static final String SELECT = """
            select r.id, r.operator_id, o.code as operator_code, o.name as operator_name, r.credential_type_id,
                   t.name as type_name, r.name, r.target_devices, r.window_start, r.window_end, r.project_manager_email,
                   r.created_by, r.created_at, r.approved_by, r.approved_at, r.go_ahead_at, r.acknowledged_by,
                   r.acknowledged_at, r.cancelled_by, r.cancelled_at, r.cancel_reason,
                   (select min(b.submitted_at) from credential_batch b
                    where b.credential_type_id = r.credential_type_id and b.state in ('staged', 'approved', 'active')
                      and b.submitted_at between r.created_at and coalesce(r.go_ahead_at, 'infinity')) as loaded_at,
                   (select min(b.activated_at) from credential_batch b
                    where b.credential_type_id = r.credential_type_id and b.state = 'active'
                      and b.activated_at between r.created_at and coalesce(r.go_ahead_at, 'infinity')) as live_at,
                   coalesce((select p.available from pool_count_now p where p.credential_type_id = r.credential_type_id), 0)
                       as available
            from rollout r
            join operator o on o.id = r.operator_id
            join credential_type t on t.id = r.credential_type_id
            """;

    private final JdbcClient jdbc;

    Rollouts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(long id, OperatorRef operator, String operatorName, int typeId, String typeName, String name,
            int target, LocalDate windowStart, LocalDate windowEnd, String pmEmail, String createdBy, Instant createdAt,
            Optional<String> approvedBy, Optional<Instant> approvedAt, Optional<Instant> goAheadAt,
            Optional<String> acknowledgedBy, Optional<Instant> acknowledgedAt, Optional<String> cancelledBy,
            Optional<Instant> cancelledAt, Optional<String> cancelReason, Optional<Instant> loadedAt,
            Optional<Instant> liveAt, long available) {
    }

    List<Rollout> list(OperatorScope scope, LocalDate today) {
        return jdbc.sql(SELECT + " where (cast(:operatorId as smallint) is null or r.operator_id = :operatorId)"
                        + " order by (r.cancelled_at is null) desc, r.window_start desc, r.id desc")
                .param("operatorId", scope.operatorIdOrNull())
                .query(Rollouts::row).list().stream()
                .filter(r -> scope.permits(r.operator().id()))
                .map(r -> rollout(r, days(r, today)))
                .toList();
    }

    Optional<Rollout> find(OperatorScope scope, long id, LocalDate today) {
        return findRow(id).filter(r -> scope.permits(r.operator().id())).map(r -> rollout(r, days(r, today)));
    }

    /** The rollout with the given id for a decision: its row locked until the caller's transaction ends. */
    Optional<Rollout> lock(long id, LocalDate today) {
        jdbc.sql("select 1 from rollout where id = ? for update").param(id).query(Integer.class).optional();
        return find(OperatorScope.all(), id, today);
    }

    List<RolloutDay> days(long id, LocalDate today) {
        return findRow(id).map(r -> days(r, today)).orElse(List.of());
    }

    private Optional<Row> findRow(long id) {
        return jdbc.sql(SELECT + " where r.id = :id").param("id", id).query(Rollouts::row).optional();
    }

    /** Approved, not cancelled, not told yet, and the type's pool has credentials: the go-ahead is due. */
    List<Long> goAheadDue() {
        return jdbc.sql("""
                        select r.id from rollout r
                        where r.approved_at is not null and r.go_ahead_at is null and r.cancelled_at is null
                          and exists (select 1 from type_authorization a
                                      where a.operator_id = r.operator_id and a.credential_type_id = r.credential_type_id
                                        and a.revoked_at is null)
                          and coalesce((select p.available from pool_count_now p
                                        where p.credential_type_id = r.credential_type_id), 0) > 0
                        order by r.approved_at, r.id""")
                .query(Long.class).list();
    }

    List<ReasonCount> rejections(Rollout rollout, LocalDate today) {
        return jdbc.sql("""
                        select rejection_reason, sum(requests) as n from usage_daily_type_now
                        where operator_id = :operator and credential_type_id = :type and outcome = 'rejected'
                          and day between :start and :end
                        group by rejection_reason order by n desc, rejection_reason""")
                .param("operator", rollout.operator().id()).param("type", rollout.credentialTypeId())
                .param("start", rollout.windowStart()).param("end", lastDay(rollout.windowEnd(), today))
                .query((rs, n) -> new ReasonCount(rs.getString("rejection_reason"), rs.getLong("n"))).list();
    }

    /** Missing devices of the operator and type seen during the window, by status: new, sent, resolved. */
    long[] missing(Rollout rollout) {
        return jdbc.sql("""
                        select count(*) filter (where status = 'new'), count(*) filter (where status = 'sent'),
                               count(*) filter (where status = 'resolved')
                        from missing_device_id
                        where operator_id = :operator and credential_type_id = :type and last_seen >= :start""")
                .param("operator", rollout.operator().id()).param("type", rollout.credentialTypeId())
                .param("start", Timestamp.from(rollout.windowStart().atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
    }

    List<RolloutListPart> listParts(long rolloutId) {
        return jdbc.sql("""
                        select p.id, p.part_number, p.entry_count, p.received_at, p.source_name
                        from rollout_list_part rp join authorized_list_part p on p.id = rp.list_part_id
                        where rp.rollout_id = ? order by p.part_number""")
                .param(rolloutId).query(Rollouts::listPart).list();
    }

    List<RolloutListPart> listPartChoices(short operatorId, int credentialTypeId) {
        return jdbc.sql("""
                        select id, part_number, entry_count, received_at, source_name from authorized_list_part
                        where operator_id = ? and credential_type_id = ? order by part_number""")
                .params(operatorId, credentialTypeId).query(Rollouts::listPart).list();
    }

    List<RolloutType> typeChoices(short operatorId) {
        return jdbc.sql("""
                        select t.id, t.name, t.code from type_authorization a join credential_type t on t.id = a.credential_type_id
                        where a.operator_id = ? and a.revoked_at is null order by t.name""")
                .param(operatorId).query((rs, n) -> new RolloutType(rs.getInt("id"), rs.getString("name"), rs.getString("code")))
                .list();
    }

    /** The operator's authorization for the type: empty when it never had one, else when it was revoked (empty: in force). */
    Optional<Optional<Instant>> authorization(short operatorId, int credentialTypeId) {
        return jdbc.sql("select revoked_at from type_authorization where operator_id = ? and credential_type_id = ?")
                .params(operatorId, credentialTypeId)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant)).optional();
    }

    long insert(NewRollout rollout, String createdBy, Instant now) {
        long id = jdbc.sql("""
                        insert into rollout (operator_id, credential_type_id, name, target_devices, window_start, window_end,
                                             project_manager_email, created_by, created_at)
                        values (:operator, :type, :name, :target, :start, :end, :email, :by, :at) returning id""")
                .param("operator", rollout.operator().id()).param("type", rollout.credentialTypeId())
                .param("name", rollout.name()).param("target", rollout.targetDevices())
                .param("start", rollout.windowStart()).param("end", rollout.windowEnd())
                .param("email", rollout.projectManagerEmail()).param("by", createdBy).param("at", Timestamp.from(now))
                .query(Long.class).single();
        for (long part : rollout.listPartIds()) {
            jdbc.sql("""
                            insert into rollout_list_part (rollout_id, operator_id, credential_type_id, list_part_id)
                            values (?, ?, ?, ?)""")
                    .params(id, rollout.operator().id(), rollout.credentialTypeId(), part).update();
        }
        return id;
    }

    void approve(long id, String by, Instant at) {
        jdbc.sql("update rollout set approved_by = ?, approved_at = ? where id = ?").params(by, Timestamp.from(at), id).update();
    }

    void markGoAhead(long id, Instant at) {
        jdbc.sql("update rollout set go_ahead_at = ? where id = ?").params(Timestamp.from(at), id).update();
    }

    void acknowledge(long id, String by, Instant at) {
        jdbc.sql("update rollout set acknowledged_by = ?, acknowledged_at = ? where id = ?")
                .params(by, Timestamp.from(at), id).update();
    }

    void cancel(long id, String by, Instant at, String reason) {
        jdbc.sql("update rollout set cancelled_by = ?, cancelled_at = ?, cancel_reason = ? where id = ?")
                .params(by, Timestamp.from(at), reason, id).update();
    }

    /** The operator's contacts who receive go-aheads. */
    List<String> goAheadContacts(short operatorId) {
        return jdbc.sql("select email from operator_contact where operator_id = ? and go_ahead order by email")
                .param(operatorId).query(String.class).list();
    }

    private List<RolloutDay> days(Row row, LocalDate today) {
        LocalDate last = lastDay(row.windowEnd(), today);
        var byDay = new LinkedHashMap<LocalDate, RolloutDay>();
        for (LocalDate day = row.windowStart(); !day.isAfter(last); day = day.plusDays(1)) {
            byDay.put(day, new RolloutDay(day, 0, 0, 0));
        }
        if (byDay.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                        select day, coalesce(sum(requests) filter (where outcome = 'delivered'), 0) as delivered,
                               coalesce(sum(requests) filter (where outcome = 're-delivered'), 0) as redelivered,
                               coalesce(sum(requests) filter (where outcome = 'rejected'), 0) as rejected
                        from usage_daily_type_now
                        where operator_id = :operator and credential_type_id = :type and day between :start and :end
                        group by day""")
                .param("operator", row.operator().id()).param("type", row.typeId())
                .param("start", row.windowStart()).param("end", last)
                .query((ResultSet rs) -> {
                    LocalDate day = rs.getObject("day", LocalDate.class);
                    byDay.put(day, new RolloutDay(day, rs.getLong("delivered"), rs.getLong("redelivered"), rs.getLong("rejected")));
                });
        return List.copyOf(byDay.values());
    }

    private static LocalDate lastDay(LocalDate windowEnd, LocalDate today) {
        return windowEnd.isBefore(today) ? windowEnd : today;
    }

    private static Rollout rollout(Row r, List<RolloutDay> days) {
        long delivered = 0;
        Optional<LocalDate> first = Optional.empty();
        Optional<LocalDate> completed = Optional.empty();
        LocalDate toldOn = r.goAheadAt().map(at -> at.atZone(java.time.ZoneOffset.UTC).toLocalDate()).orElse(null);
        for (RolloutDay day : days) {
            delivered += day.delivered();
            if (first.isEmpty() && toldOn != null && day.delivered() > 0 && !day.day().isBefore(toldOn)) {
                first = Optional.of(day.day());
            }
            if (completed.isEmpty() && delivered >= r.target()) {
                completed = Optional.of(day.day());
            }
        }
        var facts = new RolloutFacts(r.createdAt(), r.loadedAt(), r.approvedAt(), r.liveAt(), r.available(), r.goAheadAt(),
                r.acknowledgedAt(), delivered, r.target(), first, completed, r.cancelledAt());
        return new Rollout(r.id(), r.operator(), r.operatorName(), r.typeId(), r.typeName(), r.name(), r.target(),
                r.windowStart(), r.windowEnd(), r.pmEmail(), r.createdBy(), r.createdAt(), r.approvedBy(), r.acknowledgedBy(),
                r.cancelledBy(), r.cancelReason(), facts);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), new OperatorRef(rs.getShort("operator_id"), rs.getString("operator_code")),
                rs.getString("operator_name"), rs.getInt("credential_type_id"), rs.getString("type_name"), rs.getString("name"),
                rs.getInt("target_devices"), rs.getObject("window_start", LocalDate.class),
                rs.getObject("window_end", LocalDate.class), rs.getString("project_manager_email"),
                rs.getString("created_by"), instant(rs, "created_at").orElseThrow(),
                Optional.ofNullable(rs.getString("approved_by")), instant(rs, "approved_at"), instant(rs, "go_ahead_at"),
                Optional.ofNullable(rs.getString("acknowledged_by")), instant(rs, "acknowledged_at"),
                Optional.ofNullable(rs.getString("cancelled_by")), instant(rs, "cancelled_at"),
                Optional.ofNullable(rs.getString("cancel_reason")), instant(rs, "loaded_at"), instant(rs, "live_at"),
                rs.getLong("available"));
    }

    private static RolloutListPart listPart(ResultSet rs, int n) throws SQLException {
        return new RolloutListPart(rs.getLong("id"), rs.getInt("part_number"), rs.getInt("entry_count"),
                rs.getTimestamp("received_at").toInstant(), rs.getString("source_name"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return Optional.ofNullable(value).map(Timestamp::toInstant);
    }
}
