package com.devicecreds.inventory.loading.approval;

import java.sql.SQLException;
import java.util.function.Supplier;

import com.devicecreds.testsupport.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction as the application's own database role ({@code set local role}), the
 * rights the portal has in production, instead of the module tests' superuser.
 */
final class AsApplicationRole {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    AsApplicationRole(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    <T> T run(Supplier<T> work) {
        return transaction.execute(status -> {
            jdbc.sql("select set_config('role', ?, true), set_config('portal.operators', 'all', true)")
                    .param(TestPostgres.APP_ROLE).query().singleRow();
            return work.get();
        });
    }

    /** The SQLSTATE of the error the statement ends with as the application role, or "none". */
    String sqlState(String sql, Object... params) {
        try {
            run(() -> jdbc.sql(sql).params(params).update());
            return "none";
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql_) {
                    return sql_.getSQLState();
                }
            }
            throw e;
        }
    }
}
