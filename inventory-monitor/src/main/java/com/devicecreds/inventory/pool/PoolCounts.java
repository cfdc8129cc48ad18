package com.devicecreds.inventory.pool;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Credential counts of every pool, read from the counters the database keeps (migrations V13, V14):
 * each pool's compacted totals plus its delta rows not folded yet. A handful of rows per pool,
 * whatever the number of credentials. See docs/decisions/008-pool-counts.md.
 */
@Component
public class PoolCounts {

    private final JdbcClient jdbc;

    PoolCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts by credential type id; a type without credentials has no entry. */
    public Map<Integer, Counts> all() {
        return jdbc.sql("""
                        select credential_type_id, staged, available, bound, revoked from pool_count_now""")
                .query((rs, n) -> new Counts(rs.getInt("credential_type_id"), rs.getLong("staged"),
                        rs.getLong("available"), rs.getLong("bound"), rs.getLong("revoked")))
                .list().stream().collect(Collectors.toUnmodifiableMap(Counts::credentialTypeId, Function.identity()));
    }

    /** Folds the pending delta rows into the totals; returns how many rows it folded. */
    public long compact() {
        return jdbc.sql("select pool_count_compact()").query(Long.class).single();
    }

    public record Counts(int credentialTypeId, long staged, long available, long bound, long revoked) {
    }
}
