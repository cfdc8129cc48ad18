package com.devicecreds.reporting.missing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.devicecreds.access.HiddenCredentialType;
import com.devicecreds.access.OperatorScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The missing-ID lists the database keeps (migration V29): folding the pending deltas, pages and
 * streams within a scope, export marking and the convergence per list part. Every statement takes
 * an operator scope. See docs/decisions/015-missing-ids-and-exports.md.
 */
@Component
public class MissingIds {

    private static final String SELECT = """
            select o.code as operator_code, m.credential_type_id, t.name as type_name, m.device_id, m.first_seen,
                   m.last_seen, m.attempts, dm.manufacturer || ' ' || dm.name as model, m.last_reason, m.status,
                   m.sent_in_export, rp.part_number as resolved_part
            from missing_device_id m
            join operator o on o.id = m.operator_id
            left join credential_type t on t.id = m.credential_type_id and """
            + HiddenCredentialType.VISIBLE_IN_SCOPE.formatted("t") + """
            left join device_model dm on dm.id = m.device_model_id
            left join authorized_list_part rp on rp.id = m.resolved_by_part
            """;
    private static final String WHERE_SCOPE = """
            where (cast(:operatorId as smallint) is null or m.operator_id = :operatorId)
              and (cast(:typeId as integer) is null or m.credential_type_id = :typeId)
            """;
    private static final String STATUS = "(cast(:status as text) is null or m.status = :status)";
    private static final String WHERE = WHERE_SCOPE + "  and " + STATUS + "\n";

    private final JdbcClient jdbc;
    private final JdbcClient streaming;

    MissingIds(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        var template = new JdbcTemplate(dataSource);
        // Exports read their rows in batches through a cursor (PostgreSQL streams inside a transaction).
        template.setFetchSize(2_000);
        this.streaming = JdbcClient.create(template);
    }

    /** Folds the pending delta rows into the lists; returns how many delta rows it folded. */
    public long compact() {
        return jdbc.sql("select missing_ids_compact()").query(Long.class).single();
    }

    List<MissingId> page(OperatorScope scope, MissingIdQuery query, int offset, int limit) {
        return params(jdbc.sql(SELECT + WHERE + " order by m.last_seen desc, m.device_id limit :limit offset :offset"),
                scope, query)
                .param("limit", limit)
                .param("offset", offset)
                .query(MissingIds::row)
                .list();
    }

    long count(OperatorScope scope, MissingIdQuery query) {
        return params(jdbc.sql("select count(*) from missing_device_id m " + WHERE), scope, query)
                .query(Long.class).single();
    }

    /**
     * The list's count and its not-yet-sent count in one reading of the rows (the page shows both):
     * the status filter applies to the first only.
     */
    MissingIdTotals totals(OperatorScope scope, MissingIdQuery query) {
        return params(jdbc.sql("select count(*) filter (where " + STATUS + ") as listed,"
                        + " count(*) filter (where m.status = :new) as not_yet_sent from missing_device_id m " + WHERE_SCOPE),
                scope, query)
                .param("new", MissingIdStatus.NEW.code())
                .query((rs, n) -> new MissingIdTotals(rs.getLong("listed"), rs.getLong("not_yet_sent"))).single();
    }

    /** Streams the open IDs just marked as sent in this transaction (the rows of the export), by type and recency. */
    void streamMarkedNow(short operatorId, Consumer<MissingId> rows) {
        streaming.sql(SELECT + """
                        where m.operator_id = :operatorId and m.status = 'sent' and m.sent_at = now()
                        order by t.name, m.credential_type_id, m.last_seen desc, m.device_id""")
                .param("operatorId", operatorId)
                .query((ResultSet rs) -> {
                    rows.accept(row(rs, 0));
                });
    }

    /**
     * Streams the IDs within the scope that were last seen in the time range (start inclusive, end
     * exclusive), by type and recency, whatever their status: a scheduled missing-ID report.
     */
    public void streamSeen(OperatorScope scope, java.time.Instant from, java.time.Instant to, Consumer<MissingId> rows) {
        streaming.sql(SELECT + """
                        where (cast(:operatorId as smallint) is null or m.operator_id = :operatorId)
                          and m.last_seen >= :from and m.last_seen < :to
                        order by t.name, m.credential_type_id, m.last_seen desc, m.device_id""")
                .param("operatorId", scope.operatorIdOrNull())
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .query((ResultSet rs) -> {
                    rows.accept(row(rs, 0));
                });
    }

    /**
     * Gives the operator's open IDs (of one type, or all) the next export number of their type and
     * marks them as sent in it; returns type name to export number. Exports of one operator queue
     * behind each other, so numbers never collide.
     */
    java.util.Map<String, Integer> markSent(short operatorId, Optional<Integer> typeId, String exportedBy) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('missing-id-export'), :operatorId)")
                .param("operatorId", operatorId).query((rs, n) -> 1).list();
        var numbers = jdbc.sql("""
                        insert into missing_id_export (operator_id, credential_type_id, export_number, exported_by, row_count)
                        select :operatorId, o.credential_type_id,
                               coalesce((select max(x.export_number) from missing_id_export x
                                         where x.operator_id = :operatorId and x.credential_type_id = o.credential_type_id), 0) + 1,
                               :by, o.n
                        from (select credential_type_id, count(*) as n from missing_device_id
                              where operator_id = :operatorId and status <> 'resolved'
                                and (cast(:typeId as integer) is null or credential_type_id = :typeId)
                              group by credential_type_id) o
                        returning credential_type_id, export_number""")
                .param("operatorId", operatorId)
                .param("typeId", typeId.orElse(null))
                .param("by", exportedBy)
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .list();
        var byType = new java.util.TreeMap<String, Integer>();
        for (int[] number : numbers) {
            jdbc.sql("""
                            update missing_device_id set status = 'sent', sent_in_export = :number, sent_at = now()
                            where operator_id = :operatorId and credential_type_id = :typeId and status <> 'resolved'""")
                    .param("number", number[1]).param("operatorId", operatorId).param("typeId", number[0]).update();
            byType.put(HiddenCredentialType.name(jdbc.sql("select name from credential_type where id = ?")
                    .param(number[0]).query(String.class).optional().orElse(null)), number[1]);
        }
        return byType;
    }

    /** Per list part number: IDs its arrival resolved, and IDs seen before it still missing after it. */
    List<PartConvergence> convergence(OperatorScope scope, short operatorId, Optional<Integer> typeId) {
        if (!scope.permits(operatorId)) {
            return List.of();
        }
        return jdbc.sql("""
                        select p.part_number, sum(p.entry_count) as listed,
                               sum((select count(*) from missing_device_id m where m.resolved_by_part = p.id)) as resolved,
                               sum((select count(*) from missing_device_id m
                                    left join authorized_list_part rp on rp.id = m.resolved_by_part
                                    where m.operator_id = p.operator_id and m.credential_type_id = p.credential_type_id
                                      and m.first_seen <= p.received_at
                                      and (rp.part_number is null or rp.part_number > p.part_number))) as still_missing
                        from authorized_list_part p
                        where p.operator_id = :operatorId
                          and (cast(:typeId as integer) is null or p.credential_type_id = :typeId)
                        group by p.part_number
                        order by p.part_number""")
                .param("operatorId", operatorId)
                .param("typeId", typeId.orElse(null))
                .query((rs, n) -> new PartConvergence(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** The types an operator in the scope (or the chosen one) uses: owned or authorized, by name. */
    List<TypeChoice> types(OperatorScope scope, Optional<com.devicecreds.access.OperatorRef> operator) {
        Short chosen = operator.map(scope::narrowTo).orElse(scope).operatorIdOrNull();
        return jdbc.sql("""
                        select distinct t.id, t.name from credential_type t
                        left join type_authorization a on a.credential_type_id = t.id
                        where (cast(:operatorId as smallint) is null and (t.owner_operator_id is not null or a.operator_id is not null))
                           or t.owner_operator_id = :operatorId or a.operator_id = :operatorId
                        order by t.name""")
                .param("operatorId", chosen)
                .query((rs, n) -> new TypeChoice(rs.getInt(1), rs.getString(2)))
                .list();
    }

    private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, OperatorScope scope, MissingIdQuery query) {
        Short chosen = query.operator().map(scope::narrowTo).orElse(scope).operatorIdOrNull();
        return spec.param("operatorId", chosen)
                .param("typeId", query.credentialTypeId().orElse(null))
                .param("status", query.status().map(MissingIdStatus::code).orElse(null));
    }

    private static MissingId row(ResultSet rs, int n) throws SQLException {
        int sent = rs.getInt("sent_in_export");
        OptionalInt sentIn = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(sent);
        int part = rs.getInt("resolved_part");
        OptionalInt resolvedBy = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(part);
        String typeName = rs.getString("type_name");
        return new MissingId(rs.getString("operator_code"), HiddenCredentialType.id(rs.getInt("credential_type_id"), typeName),
                HiddenCredentialType.name(typeName),
                rs.getString("device_id"), rs.getTimestamp("first_seen").toInstant(), rs.getTimestamp("last_seen").toInstant(),
                rs.getLong("attempts"), Optional.ofNullable(rs.getString("model")), rs.getString("last_reason"),
                MissingIdStatus.of(rs.getString("status")), sentIn, resolvedBy);
    }
}
