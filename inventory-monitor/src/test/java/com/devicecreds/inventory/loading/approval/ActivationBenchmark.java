package com.devicecreds.inventory.loading.approval;

import com.devicecreds.benchmark.BenchmarkResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;

import com.devicecreds.inventory.InventoryModuleTestApplication.TestClock;
import com.devicecreds.inventory.loading.LoadingFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Activation of an approved batch of a million staged credentials: the one UPDATE that makes them
 * available, with the pool-count statement triggers, the count check and the batch row, in one
 * transaction. Not a unit test (its name keeps it out of the normal run); run with
 * <pre>./mvnw -o -B -pl inventory-monitor -am verify -Dtest=ActivationBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Prints each run and the median. The batch is staged with SQL (staging is {@code UploadBenchmark}'s
 * subject) into a pool that already holds a million available credentials, and deleted after each run.
 * On the development machine (2 cores, other builds running): 18.3, 20.7 and 26.9 s, median 20.7 s.
 */
@SpringBootTest
class ActivationBenchmark {

    private static final int RECORDS = Integer.getInteger("benchmark.records", 1_000_000);
    private static final int RUNS = Integer.getInteger("benchmark.runs", 3);

    @Autowired
    BatchActivation activation;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @Test
    void activate_a_million_credentials() {
        clock.set(Instant.now());
        var type = new LoadingFixture(jdbc).type("activation-bench", "next-available", "soc-id");
        long existing = stage(type, "EXISTING", "active");
        jdbc.sql("update credential set state = 'available' where batch_id = ?").param(existing).update();
        var seconds = new ArrayList<Double>();
        for (int run = 1; run <= RUNS; run++) {
            long batch = stage(type, "RUN" + run, "approved");
            jdbc.sql("vacuum analyze credential").update();
            long started = System.nanoTime();
            assertThat(activation.activate(batch)).isTrue();
            double took = (System.nanoTime() - started) / 1e9;
            seconds.add(took);
            assertThat(jdbc.sql("select count(*) from credential where batch_id = ? and state = 'available'").param(batch)
                    .query(Long.class).single()).isEqualTo(RECORDS);
            System.out.printf(Locale.ROOT, "run %d: %,d credentials activated in %.2f s%n", run, RECORDS, took);
            jdbc.sql("delete from credential where batch_id = ?").param(batch).update();
            jdbc.sql("delete from batch_decision where batch_id = ?").param(batch).update();
            jdbc.sql("delete from credential_batch_package where batch_id = ?").param(batch).update();
            jdbc.sql("delete from credential_batch where id = ?").param(batch).update();
        }
        seconds.sort(Double::compare);
        System.out.printf(Locale.ROOT, "median of %d runs: %.2f s for %,d credentials%n", RUNS, seconds.get(RUNS / 2), RECORDS);
        BenchmarkResult.print(String.format(Locale.ROOT, "activation, %,d credentials", RECORDS), "activate, median",
                seconds.get(RUNS / 2), "s");
    }

    /**
     * A batch of RECORDS staged credentials in the given state: approved now (sealed, with its package
     * and pki.ben's approval of the seal, as the activation function checks; decision 026), or active.
     */
    private long stage(LoadingFixture.Type type, String name, String state) {
        String ref = type.code() + "-" + name;
        long batch = jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, manifest_sha256, producing_facility,
                                                      state, submitted_by, activated_at)
                        values (?, ?, ?, sha256(convert_to(?, 'UTF8')), 'Benchmark KGF', ?, 'pki.anna', case when ? = 'active' then now() end)
                        returning id""")
                .params(ref, type.id(), RECORDS, ref, state.equals("active") ? "active" : "staged", state).query(Long.class).single();
        jdbc.sql("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, state)
                        select ? || '-' || lpad(g::text, 8, '0'), ?, ?, uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'staged'
                        from generate_series(1, ?) g""")
                .params(name, type.id(), batch, RECORDS).update();
        if (state.equals("approved")) {
            jdbc.sql("""
                            insert into credential_batch_package (batch_id, manifest, records_sha256, signer_fingerprint, signer_subject,
                                                                  created_at, file_name, package_bytes)
                            values (?, convert_to(?, 'UTF8'), sha256('records'), repeat('ab', 32), 'CN=Benchmark KGF', now(), 'bench.zip', 1)""")
                    .params(batch, ref).update();
            jdbc.sql("select seal_credential_batch(?)").param(batch).query(byte[].class).single();
            jdbc.sql("""
                            insert into batch_decision (batch_id, submitted_by, decided_by, decision, manifest_sha256, staged_sha256, decided_at)
                            select id, submitted_by, 'pki.ben', 'approved', manifest_sha256, staged_sha256, now() from credential_batch where id = ?""")
                    .param(batch).update();
            jdbc.sql("update credential_batch set state = 'approved', approved_at = now() where id = ?").param(batch).update();
        }
        return batch;
    }
}
