package com.devicecreds.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManagerFactory;

import com.devicecreds.portal.PortalTest;
import com.devicecreds.reporting.events.EventPartitionMaintenance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The schema as Flyway leaves it on a fresh database, and the rules the schema itself enforces. */
@PortalTest
class MigrationsTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("'provisioning_event_'yyyy_MM");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    EventPartitionMaintenance partitions;
    @Autowired
    Environment environment;
    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void flyway_applied_every_migration_file_exactly_once_and_successfully() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql");
        var fileVersions = Arrays.stream(files).map(Resource::getFilename)
                .map(name -> {
                    var m = VERSIONED.matcher(name);
                    assertThat(m.matches()).as("%s is a versioned migration", name).isTrue();
                    return m.group(1).replace('_', '.');
                }).toList();
        assertThat(fileVersions).isNotEmpty();

        Map<String, Long> applied = jdbc.sql("select version from flyway_schema_history where success and version is not null")
                .query(String.class).list().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long failed = jdbc.sql("select count(*) from flyway_schema_history where not success").query(Long.class).single();

        assertThat(applied.keySet()).containsExactlyInAnyOrderElementsOf(fileVersions);
        assertThat(applied.values()).containsOnly(1L);
        assertThat(failed).isZero();
    }

    @Test
    void the_key_tables_exist() {
        for (String table : new String[] {"operator", "device_id_kind", "device_model", "credential_kind",
                "credential_type", "type_authorization", "model_authorization", "credential_batch", "credential",
                "authorized_list_part", "authorized_device", "provisioning_event", "audit_event", "audit_chain_head",
                "qrtz_job_details", "qrtz_triggers", "qrtz_locks"}) {
            assertThat(jdbc.sql("select to_regclass(?) is not null").param(table).query(Boolean.class).single())
                    .as(table).isTrue();
        }
    }

    @Test
    void provisioning_events_are_partitioned_by_range_of_time() {
        String key = jdbc.sql("select pg_get_partkeydef('provisioning_event'::regclass)").query(String.class).single();
        assertThat(key).isEqualToIgnoringCase("RANGE (occurred_at)");
    }

    @Test
    void provisioning_events_have_monthly_partitions_around_this_month_and_a_default_partition() {
        Map<String, String> bounds = jdbc.sql("""
                        select c.relname, pg_get_expr(c.relpartbound, c.oid) from pg_inherits i
                        join pg_class c on c.oid = i.inhrelid
                        where i.inhparent = 'provisioning_event'::regclass""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        LocalDate thisMonth = LocalDate.now().withDayOfMonth(1);
        for (int offset = -3; offset <= 3; offset++) {
            LocalDate month = thisMonth.plusMonths(offset);
            String name = PARTITION.format(month);
            assertThat(bounds).as("partition for %s", month).containsKey(name);
            assertThat(bounds.get(name)).startsWith("FOR VALUES FROM ('" + month)
                    .contains("TO ('" + month.plusMonths(1));
        }
        assertThat(bounds).containsEntry("provisioning_event_default", "DEFAULT");
    }

    @Test
    void no_provisioning_event_falls_into_the_default_partition() {
        assertThat(jdbc.sql("select count(*) from provisioning_event_default").query(Long.class).single()).isZero();
    }

    @Test
    void an_event_three_months_ahead_lands_in_its_monthly_partition_once_partitions_are_ensured() {
        inRolledBackTransaction(() -> {
            partitions.ensurePartitions(LocalDate.now(), LocalDate.now());
            var occurredAt = ZonedDateTime.now().plusMonths(3);

            assertThat(insertEvent(occurredAt)).isEqualTo(PARTITION.format(occurredAt));
        });
    }

    @Test
    void ensuring_partitions_creates_a_month_beyond_those_the_migration_made() {
        inRolledBackTransaction(() -> {
            var occurredAt = ZonedDateTime.now().plusMonths(9);
            String name = PARTITION.format(occurredAt);
            assertThat(jdbc.sql("select to_regclass(?) is null").param(name).query(Boolean.class).single()).isTrue();

            int created = jdbc.sql("select provisioning_event_ensure_partitions(?, ?)")
                    .params(occurredAt.toLocalDate(), occurredAt.toLocalDate()).query(Integer.class).single();

            assertThat(created).isEqualTo(1);
            assertThat(insertEvent(occurredAt)).isEqualTo(name);
        });
    }

    @Test
    void a_delivered_event_names_its_credential() {
        inRolledBackTransaction(() -> assertThat(insert("delivered", null, 42L)).startsWith("provisioning_event_"));
        assertThatThrownBy(() -> inRolledBackTransaction(() -> insert("delivered", null, null)))
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    @Test
    void a_rejected_event_names_its_reason() {
        inRolledBackTransaction(() -> assertThat(insert("rejected", "pool-empty", null)).startsWith("provisioning_event_"));
        assertThatThrownBy(() -> inRolledBackTransaction(() -> insert("rejected", null, null)))
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    @Test
    void hibernate_validates_the_schema_and_never_generates_it() {
        assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("validate");
        assertThat(entityManagerFactory.getProperties()).containsEntry("hibernate.hbm2ddl.auto", "validate");
    }

    private String insertEvent(ZonedDateTime occurredAt) {
        return jdbc.sql("""
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                        server_node, outcome, credential_id)
                        values (?, 1, 1, '00000000FFFF', 'mac', 'node-test', 'delivered', 1)
                        returning tableoid::regclass::text""")
                .param(Timestamp.from(occurredAt.toInstant())).query(String.class).single();
    }

    /** Inserts an event of now; returns the partition it landed in. */
    private String insert(String outcome, String reason, Long credentialId) {
        return jdbc.sql("""
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                        server_node, outcome, rejection_reason, credential_id)
                        values (now(), 1, 1, '00000000FFFF', 'mac', 'node-test', ?, ?, ?)
                        returning tableoid::regclass::text""")
                .params(outcome, reason, credentialId).query(String.class).single();
    }

    private void inRolledBackTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            work.run();
        });
    }

    private static String sqlState(Throwable e) {
        for (var c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
