package com.devicecreds.inventory.loading.upload;

import com.devicecreds.benchmark.BenchmarkResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;

import com.devicecreds.inventory.loading.LoadingFixture;
import com.devicecreds.inventory.loading.sample.DeviceIdKind;
import com.devicecreds.inventory.loading.sample.SamplePackage;
import com.devicecreds.testsupport.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Validation and staging of a package of a million pre-bound records, through the service as an
 * upload sees it: receive to a temporary file, open, hash, parse, COPY, duplicate checks by SQL,
 * insert of the staged batch. Not a unit test (its name keeps it out of the normal run); run with
 * <pre>./mvnw -o -B -pl inventory-monitor -am verify -Dtest=UploadBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Prints each run and the median. Package generation is not timed. Each run's batch is deleted
 * afterwards, so every run stages into the same pool size.
 */
@SpringBootTest(properties = "loading.upload.max-package-size=1GB")
class UploadBenchmark {

    private static final int RECORDS = Integer.getInteger("benchmark.records", 1_000_000);
    private static final int RUNS = Integer.getInteger("benchmark.runs", 3);

    @Autowired
    PackageUploadService uploads;
    @Autowired
    JdbcClient jdbc;

    @Test
    void validate_and_stage_a_million_records() throws Exception {
        var fixture = new LoadingFixture(jdbc);
        var facility = LoadingFixture.facility("Benchmark KGF");
        fixture.trust(facility);
        var type = fixture.type("bench", "pre-bound", "mac");
        var seconds = new ArrayList<Double>();
        for (int run = 1; run <= RUNS; run++) {
            Path file = Files.createTempFile("benchmark-", ".zip");
            try {
                long made = System.nanoTime();
                var sample = SamplePackage.of(facility, type.code(), RECORDS).deviceIds(DeviceIdKind.MAC).seed(run);
                sample.writeTo(file);
                double making = (System.nanoTime() - made) / 1e9;

                long started = System.nanoTime();
                UploadReport report;
                try (var pki = SignedIn.pkiOps(); InputStream in = Files.newInputStream(file)) {
                    report = uploads.upload(in, file.getFileName().toString());
                }
                double took = (System.nanoTime() - started) / 1e9;
                assertThat(report.problems()).isEmpty();
                seconds.add(took);
                System.out.printf(Locale.ROOT, "run %d: %,d records, %,d bytes (made in %.1f s): validated and staged in %.2f s%n",
                        run, RECORDS, Files.size(file), making, took);
                delete(report.batch().orElseThrow().id());
            } finally {
                Files.deleteIfExists(file);
            }
        }
        seconds.sort(Double::compare);
        System.out.printf(Locale.ROOT, "median of %d runs: %.2f s for %,d records%n", RUNS, seconds.get(RUNS / 2), RECORDS);
        BenchmarkResult.print(String.format(Locale.ROOT, "upload, %,d records", RECORDS), "validate and stage, median",
                seconds.get(RUNS / 2), "s");
    }

    private void delete(long batchId) {
        jdbc.sql("delete from credential where batch_id = ?").param(batchId).update();
        jdbc.sql("delete from credential_batch_package where batch_id = ?").param(batchId).update();
        jdbc.sql("delete from credential_batch where id = ?").param(batchId).update();
        jdbc.sql("vacuum analyze credential").update();
    }
}
