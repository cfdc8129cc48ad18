package com.devicecreds.portal.change;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.OperatorScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of {@code config_change_request}; every read takes the caller's operator scope. */
@Component
class ChangeRows {

    private static final String SELECT = """
            select r.id, r.kind, r.operator_id, o.code, r.target, r.summary, r.requested_by, r.requested_at, r.expires_at,
                   r.state, r.decided_by, r.decided_at, r.reason
            from config_change_request r left join operator o on o.id = r.operator_id
            """;
    // Operator staff see their own operator's requests; a request of no operator only an unbound scope sees.
    private static final String IN_SCOPE = " (cast(:operator as smallint) is null or r.operator_id = :operator) ";

    private final JdbcClient jdbc;

    ChangeRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(ChangeProposal proposal, String requestedBy, Instant at, Instant expiresAt) {
        var keys = proposal.proposed().keySet().stream().sorted().toArray(String[]::new);
        var values = java.util.Arrays.stream(keys).map(proposal.proposed()::get).toArray(String[]::new);
        return jdbc.sql("""
                        insert into config_change_request (kind, operator_id, target, summary, proposed, requested_by,
                                                           requested_at, expires_at)
                        values (?, ?, ?, ?, jsonb_object(?::text[], ?::text[]), ?, ?, ?) returning id""")
                .params(proposal.kind(), proposal.operator().map(OperatorRef::id).orElse(null), proposal.target(),
                        proposal.summary(), keys, values, requestedBy, Timestamp.from(at), Timestamp.from(expiresAt))
                .query(Long.class).single();
    }

    Optional<ChangeRequest> find(OperatorScope scope, long id, boolean lock) {
        return jdbc.sql(SELECT + " where r.id = :id and" + IN_SCOPE + (lock ? " for update of r" : ""))
                .param("id", id).param("operator", scope.operatorIdOrNull()).query(ChangeRows::row).optional();
    }

    List<ChangeRequest> pending(OperatorScope scope) {
        return jdbc.sql(SELECT + " where r.state = 'pending' and" + IN_SCOPE + " order by r.requested_at")
                .param("operator", scope.operatorIdOrNull()).query(ChangeRows::row).list();
    }

    List<ChangeRequest> byTarget(OperatorScope scope, String target, int limit) {
        return jdbc.sql(SELECT + " where r.target = :target and" + IN_SCOPE + " order by r.requested_at desc, r.id desc limit :limit")
                .param("target", target).param("operator", scope.operatorIdOrNull()).param("limit", limit)
                .query(ChangeRows::row).list();
    }

    Map<String, String> proposed(long id) {
        var fields = new LinkedHashMap<String, String>();
        jdbc.sql("select key, value from config_change_request, jsonb_each_text(proposed) where id = ? order by key")
                .param(id).query((ResultSet rs) -> {
                    fields.put(rs.getString(1), rs.getString(2));
                });
        return fields;
    }

    void decide(long id, ChangeRequest.State state, String decidedBy, Instant at, String reason) {
        jdbc.sql("""
                        update config_change_request set state = ?, decided_by = ?, decided_at = ?, reason = ?
                        where id = ? and state = 'pending'""")
                .params(state.code(), decidedBy, Timestamp.from(at), reason, id).update();
    }

    /** Marks every pending request past its expiry as expired; returns them. */
    List<ChangeRequest> expireDue(Instant now) {
        var ids = jdbc.sql("""
                        update config_change_request set state = 'expired', decided_at = ?
                        where state = 'pending' and expires_at <= ? returning id""")
                .params(Timestamp.from(now), Timestamp.from(now)).query(Long.class).list();
        return ids.stream().map(id -> find(OperatorScope.all(), id, false).orElseThrow()).toList();
    }

    private static ChangeRequest row(ResultSet rs, int n) throws SQLException {
        short operatorId = rs.getShort("operator_id");
        Optional<OperatorRef> operator = rs.wasNull() ? Optional.empty() : Optional.of(new OperatorRef(operatorId, rs.getString("code")));
        return new ChangeRequest(rs.getLong("id"), rs.getString("kind"), operator, rs.getString("target"),
                rs.getString("summary"), rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), ChangeRequest.State.of(rs.getString("state")),
                Optional.ofNullable(rs.getString("decided_by")),
                Optional.ofNullable(rs.getTimestamp("decided_at")).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("reason")));
    }
}
