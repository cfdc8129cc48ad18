package com.devicecreds.access;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The network operators, by code. Operators change rarely and are only ever added, so lookups by
 * code are cached once found; a miss always goes to the database.
 */
@Component
public class OperatorDirectory {

    private final JdbcClient jdbc;
    private final ConcurrentMap<String, OperatorRef> byCode = new ConcurrentHashMap<>();

    OperatorDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OperatorRef> byCode(String code) {
        OperatorRef cached = byCode.get(code);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<OperatorRef> found = jdbc.sql("select id, code from operator where code = ?")
                .param(code)
                .query((rs, n) -> new OperatorRef(rs.getShort("id"), rs.getString("code")))
                .optional();
        found.ifPresent(ref -> byCode.put(code, ref));
        return found;
    }

    /** The operators a scope may see, by name. */
    public List<OperatorSummary> visibleTo(OperatorScope scope) {
        return jdbc.sql("""
                        select id, code, name from operator
                        where (cast(:operatorId as smallint) is null or id = :operatorId)
                        order by name""")
                .param("operatorId", scope.operatorIdOrNull())
                .query((rs, n) -> new OperatorSummary(new OperatorRef(rs.getShort("id"), rs.getString("code")),
                        rs.getString("name")))
                .list();
    }

    public record OperatorSummary(OperatorRef ref, String name) {
    }
}
