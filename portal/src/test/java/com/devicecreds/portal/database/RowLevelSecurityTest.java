package com.devicecreds.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second wall of tenancy (V36, docs/decisions/018-row-level-security.md): through the application's
 * own connections, a query that forgot its operator filter still returns only the caller's operator's
 * rows, the application role can neither switch that off nor rewrite the audit trail, and every table
 * that holds operator rows carries a policy.
 */
// A context of its own: the fixture adds rows to every tenant table and pauses the scheduler.
@PortalTest(properties = "portal.demo.events=2000")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowLevelSecurityTest {

    /**
     * Tables with an operator column that need no policy, each with the reason. Empty: every such
     * table holds one operator's rows. A new table with an operator column calls
     * {@code protect_operator_rows} in its migration, or is listed here with a reason.
     */
    private static final Map<String, String> WITHOUT_POLICY = Map.of();

    /** Functions that run as the schema's owner; each is a narrow door the application may use. */
    private static final Set<String> SECURITY_DEFINER = Set.of(
            "audit_purge", // deletes audit rows older than two years from the start of the chain only
            "provisioning_event_ensure_partitions", // creates monthly partitions with their policy
            "credential_batch_fix_quorum", // copies the type's quorum into a new batch (V46)
            "credential_batch_digest", // reads a batch's rows for its digest (V47)
            "seal_credential_batch", // sets a staged batch's digest once (V47)
            "activate_credential_batch"); // the one way credentials become available (V47)

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Scheduler scheduler;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private short a;
    private short b;

    @BeforeAll
    void twoOperatorsWithRowsInEveryTenantTable() throws SchedulerException {
        // The compaction jobs would fold the delta rows away while the test looks at them.
        scheduler.pauseAll();
        a = operator("rls-a");
        b = operator("rls-b");
        for (short operator : new short[] {a, b}) {
            rowsOf(operator);
        }
        jdbc.sql("select usage_compact()").query(Long.class).single();
        jdbc.sql("select missing_ids_compact()").query(Long.class).single();
        for (short operator : new short[] {a, b}) {
            events(operator, typeOf(operator)); // again, so that the delta tables hold rows too
        }
    }

    @AfterAll
    void resumeJobs() throws SchedulerException {
        scheduler.resumeAll();
    }

    @Test
    void every_table_with_an_operator_column_has_row_level_security_and_a_policy() {
        List<String> tables = tenantTables();
        assertThat(tables).contains("provisioning_event", "provisioning_event_default", "usage_daily", "credential_type",
                "notification");
        var unprotected = jdbc.sql("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relname = any(:tables)
                          and (not c.relrowsecurity or not exists (select 1 from pg_policy p where p.polrelid = c.oid))
                        order by 1""")
                .param("tables", tables.toArray(String[]::new)).query(String.class).list();
        assertThat(unprotected).as("tables with an operator column but no row-level security")
                .containsExactlyInAnyOrderElementsOf(WITHOUT_POLICY.keySet());
    }

    @Test
    void every_view_reads_its_tables_as_the_querying_role() {
        var ownerViews = jdbc.sql("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relkind in ('v', 'm')
                          and not coalesce('security_invoker=true' = any(c.reloptions), false)
                        order by 1""").query(String.class).list();
        assertThat(ownerViews).as("views that would read as their owner, past the policies").isEmpty();
    }

    @Test
    void the_application_role_owns_nothing_and_cannot_bypass_row_level_security() {
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("portal_app");
        assertThat(jdbc.sql("select rolsuper or rolbypassrls or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user")
                .query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("""
                        select count(*) from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = current_user""")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from pg_proc p join pg_roles r on r.oid = p.proowner where r.rolname = current_user""")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                        where n.nspname = 'public' and p.prosecdef""").query(String.class).set())
                .containsExactlyInAnyOrderElementsOf(SECURITY_DEFINER);
    }

    @Test
    void a_query_that_forgot_its_filter_returns_only_the_operator_staffs_own_rows() {
        var ofA = operatorCode(a);
        for (String table : tablesWithFixtureRows()) {
            String column = operatorColumn(table);
            as(SignedIn.operatorStaff(ofA), () -> {
                assertThat(count(table, column + " = " + b)).as("%s rows of another operator", table).isZero();
                assertThat(count(table, column + " = " + a)).as("%s rows of the staff's operator", table).isPositive();
                return null;
            });
            as(SignedIn.withRole(Roles.PKI_OPS), () -> {
                assertThat(count(table, column + " = " + a)).as("%s rows of A for PKI ops", table).isPositive();
                assertThat(count(table, column + " = " + b)).as("%s rows of B for PKI ops", table).isPositive();
                return null;
            });
        }
    }

    @Test
    void anonymous_and_unscoped_callers_see_no_operators_rows() {
        Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        Authentication noPortalRole = SignedIn.user("someone", Optional.empty(), "VISITOR");
        Authentication unknownOperator = SignedIn.operatorStaff("no-such-operator-" + run);
        for (var caller : List.of(anonymous, noPortalRole, unknownOperator)) {
            for (String table : tablesWithFixtureRows()) {
                as(caller, () -> {
                    assertThat(count(table, operatorColumn(table) + " is not null"))
                            .as("%s rows for %s", table, caller.getName()).isZero();
                    return null;
                });
            }
        }
    }

    @Test
    void jobs_without_a_user_see_every_operator() {
        assertThat(jdbc.sql("select current_setting('portal.operators')").query(String.class).single()).isEqualTo("all");
        assertThat(count("provisioning_event", "operator_id in (" + a + ", " + b + ")")).isPositive();
    }

    @Test
    void operator_staff_cannot_write_another_operators_rows() {
        // Each statement on its own connection, checked out as the staff member (no transaction to abort).
        try (var signedIn = SignedIn.as(SignedIn.operatorStaff(operatorCode(a)))) {
            assertThatThrownBy(() -> contact(b, "someone-else@example.org"))
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("row-level security");
            assertThatThrownBy(() -> jdbc.sql("update operator_contact set operator_id = ? where operator_id = ?")
                    .params(b, a).update())
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("row-level security");
            assertThat(jdbc.sql("update authorized_list_part set source_name = 'changed' where operator_id = ?")
                    .param(b).update()).isZero();
            assertThat(jdbc.sql("delete from operator_contact where operator_id = ?").param(b).update()).isZero();
            contact(a, "own-" + run + "@example.org");
        }
        assertThat(count("operator_contact", "operator_id = " + b)).isEqualTo(1);
        assertThat(count("operator_contact", "operator_id = " + a)).isEqualTo(2);
        assertThat(count("authorized_list_part", "operator_id = " + b + " and source_name = 'changed'")).isZero();
    }

    @Test
    void the_application_role_cannot_rewrite_the_audit_trail_or_switch_the_policies_off() {
        for (String sql : List.of(
                "update audit_event set actor = actor",
                "delete from audit_event",
                "truncate audit_event",
                "delete from audit_chain_head",
                "update audit_chain_base set seq = seq",
                "alter table provisioning_event disable row level security",
                "alter table usage_daily no force row level security",
                "drop policy operator_rows on usage_daily",
                "drop table usage_daily",
                "set session_replication_role = replica",
                "set role postgres")) {
            assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageMatching("(?s).*(permission denied|must be owner).*");
        }
    }

    @Test
    void the_policies_keep_the_index_conditions_of_device_search_and_usage() {
        as(SignedIn.operatorStaff(operatorCode(a)), () -> {
            // Without sequential scans, a plan that cannot use the index for the query's own condition shows it.
            jdbc.sql("set local enable_seqscan = off").update();
            String device = plan("select * from provisioning_event where device_id = 'AABBCCDDEEFF' and operator_id = " + a);
            assertThat(device).contains("Index Cond: (device_id = 'AABBCCDDEEFF'").contains("InitPlan");
            String usage = plan("select sum(requests) from usage_daily where operator_id = " + a);
            assertThat(usage).contains("Index Cond: (operator_id = " + a + ")").contains("InitPlan");
            return null;
        });
    }

    private String plan(String sql) {
        return String.join("\n", jdbc.sql("explain " + sql).query(String.class).list());
    }

    /** Runs as the given caller in one repeatable-read transaction, on a connection checked out as that caller. */
    private <T> T as(Authentication caller, Supplier<T> work) {
        try (var signedIn = SignedIn.as(caller)) {
            var template = new TransactionTemplate(transactions);
            template.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
            return template.execute(status -> {
                try {
                    return work.get();
                } finally {
                    status.setRollbackOnly();
                }
            });
        }
    }

    private long count(String table, String condition) {
        return jdbc.sql("select count(*) from " + table + " where " + condition).query(Long.class).single();
    }

    /** Every table and partitioned table with an operator column, partitions included. */
    private List<String> tenantTables() {
        return jdbc.sql("""
                        select distinct c.relname from pg_class c
                        join pg_namespace n on n.oid = c.relnamespace
                        join pg_attribute a on a.attrelid = c.oid
                        where n.nspname = 'public' and c.relkind in ('r', 'p') and not a.attisdropped
                          and a.attname in ('operator_id', 'owner_operator_id')
                        order by 1""").query(String.class).list();
    }

    /** The tenant tables that hold the fixture's rows: partitions other than this month's hold none. */
    private List<String> tablesWithFixtureRows() {
        String current = currentPartition();
        return tenantTables().stream()
                .filter(t -> !t.startsWith("provisioning_event_") || t.equals(current))
                .toList();
    }

    private String currentPartition() {
        return jdbc.sql("select 'provisioning_event_' || to_char(now(), 'YYYY_MM')").query(String.class).single();
    }

    private String operatorColumn(String table) {
        return table.equals("credential_type") ? "owner_operator_id" : "operator_id";
    }

    private String operatorCode(short id) {
        return jdbc.sql("select code from operator where id = ?").param(id).query(String.class).single();
    }

    private short operator(String prefix) {
        return jdbc.sql("insert into operator (code, name) values (?, ?) returning id")
                .params(prefix + "-" + run, "Tenant " + prefix).query(Short.class).single();
    }

    private int typeOf(short operator) {
        return jdbc.sql("select id from credential_type where owner_operator_id = ?").param(operator)
                .query(Integer.class).single();
    }

    /** One row of the operator in every tenant table, written as the system would. */
    private void rowsOf(short operator) {
        String code = "rls-" + operator + "-" + run;
        int type = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', ?, 'mac', 'next-available') returning id""")
                .params(code, "Type " + code, operator).query(Integer.class).single();
        jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(type, operator).update();
        int model = jdbc.sql("insert into device_model (manufacturer, name) values ('RLS', ?) returning id")
                .param(code).query(Integer.class).single();
        jdbc.sql("insert into model_authorization (credential_type_id, operator_id, device_model_id) values (?, ?, ?)")
                .params(type, operator, model).update();
        long part = jdbc.sql("""
                        insert into authorized_list_part (operator_id, credential_type_id, part_number, source_name)
                        values (?, ?, 1, 'rls.csv') returning id""").params(operator, type).query(Long.class).single();
        jdbc.sql("insert into authorized_device (operator_id, credential_type_id, device_id, part_id) values (?, ?, ?, ?)")
                .params(operator, type, "RLS" + operator + "LISTED", part).update();
        jdbc.sql("""
                        insert into missing_id_export (operator_id, credential_type_id, export_number, exported_by, row_count)
                        values (?, ?, 1, 'rls-test', 0)""").params(operator, type).update();
        long contact = contact(operator, "contact-" + code + "@example.org");
        long schedule = jdbc.sql("""
                        insert into report_schedule (operator_id, report, cadence, weekday, run_time, time_zone, created_by)
                        values (?, 'usage', 'weekly', 1, '07:00', 'UTC', 'rls-test') returning id""")
                .param(operator).query(Long.class).single();
        jdbc.sql("insert into report_schedule_recipient (schedule_id, operator_id, contact_id) values (?, ?, ?)")
                .params(schedule, operator, contact).update();
        long rollout = jdbc.sql("""
                        insert into rollout (operator_id, credential_type_id, name, target_devices, window_start, window_end,
                                             project_manager_email, created_by)
                        values (?, ?, 'RLS rollout', 10, current_date, current_date + 7, 'pm@example.org', 'rls-test')
                        returning id""").params(operator, type).query(Long.class).single();
        jdbc.sql("insert into rollout_list_part (rollout_id, operator_id, credential_type_id, list_part_id) values (?, ?, ?, ?)")
                .params(rollout, operator, type, part).update();
        jdbc.sql("""
                        insert into notification (audience_roles, operator_id, title, body, source_kind, source_id)
                        values ('{OPERATOR_STAFF}', ?, 'RLS', 'RLS', 'rls-test', ?)""").params(operator, code).update();
        long change = jdbc.sql("""
                        insert into config_change_request (kind, operator_id, target, summary, proposed, requested_by, requested_at,
                                                           expires_at, state, decided_by, decided_at)
                        values ('device-ca-add', ?, ?, 'RLS', '{}', 'rls-a', now(), now() + interval '1 day', 'applied', 'rls-b',
                                now()) returning id""").params(operator, "rls/" + code).query(Long.class).single();
        long ca = jdbc.sql("""
                        insert into device_ca (operator_id, credential_type_id, fingerprint_sha256, subject, issuer, serial_hex,
                                               not_before, not_after, key_algorithm, key_size, is_root, certificate_der,
                                               added_by, approved_by, added_at, change_request_id)
                        values (?, ?, lpad(to_hex(?), 64, '0'), 'CN=RLS', 'CN=RLS', '1', now(), now() + interval '1 day', 'EC',
                                256, true, '\\x00', 'rls-a', 'rls-b', now(), ?) returning id""")
                .params(operator, type, (int) operator, change).query(Long.class).single();
        jdbc.sql("""
                        insert into device_ca_crl (device_ca_id, operator_id, crl_der, this_update, revoked_count, source, loaded_by,
                                                   loaded_at)
                        values (?, ?, '\\x00', now(), 0, 'upload', 'rls-test', now())""").params(ca, operator).update();
        jdbc.sql("""
                        insert into device_ca_alert (device_ca_id, operator_id, kind, raised_at, summary)
                        values (?, ?, 'expiring', now(), 'RLS')""").params(ca, operator).update();
        jdbc.sql("""
                        insert into certificate_template (credential_type_id, operator_id, validity_days, updated_at, requested_by,
                                                          approved_by, change_request_id)
                        values (?, ?, 365, now(), 'rls-a', 'rls-b', ?)""").params(type, operator, change).update();
        jdbc.sql("""
                        insert into credential_type_history (credential_type_id, version, operator_id, setting, old_value, new_value,
                                                             requested_by, approved_by, change_request_id, changed_at)
                        values (?, 2, ?, 'Authorized operator', null, 'RLS', 'rls-a', 'rls-b', ?, now())""")
                .params(type, operator, change).update();
        long endpoint = jdbc.sql("""
                        insert into webhook_endpoint (operator_id, name, url, format, event_types, secret_ciphertext, created_by)
                        values (?, 'RLS', 'https://localhost:9/rls', 'json', '{test}', '\\x00', 'rls-test') returning id""")
                .param(operator).query(Long.class).single();
        jdbc.sql("""
                        with e as (insert into webhook_event (event_id, type, operator_id, occurred_at, payload, fanned_out_at)
                                   values (gen_random_uuid(), 'test', ?, now(), '{}', now()) returning id)
                        insert into webhook_delivery (delivery_id, endpoint_id, event_id, operator_id, event_type, body, delivered_at)
                        select gen_random_uuid(), ?, e.id, ?, 'test', '{}', now() from e""").params(operator, endpoint, operator).update();
        events(operator, type);
    }

    private void events(short operator, int type) {
        for (String outcome : new String[] {"delivered", "rejected"}) {
            jdbc.sql("""
                            insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id,
                                                            device_id_kind, server_node, outcome, rejection_reason, credential_id)
                            values (?, ?, ?, ?, 'mac', 'node-rls', ?, ?, ?)""")
                    .params(Timestamp.from(Instant.now()), operator, type, "RLS" + operator + outcome.toUpperCase(), outcome,
                            outcome.equals("rejected") ? "not-on-authorized-list" : null,
                            outcome.equals("rejected") ? null : 3_000_000L)
                    .update();
        }
    }

    private long contact(short operator, String email) {
        return jdbc.sql("""
                        insert into operator_contact (operator_id, name, email, created_by) values (?, 'RLS contact', ?, 'rls-test')
                        returning id""").params(operator, email).query(Long.class).single();
    }
}
