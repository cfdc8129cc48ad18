package com.devicecreds.inventory.loading.upload.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;

import javax.sql.DataSource;

import com.devicecreds.access.Actor;
import com.devicecreds.inventory.loading.LoadingProperties;
import com.devicecreds.inventory.loading.batch.BatchAwaitingApproval;
import com.devicecreds.inventory.loading.batch.BatchRows;
import com.devicecreds.inventory.loading.facility.TrustedFacility;
import com.devicecreds.inventory.loading.format.Manifest;
import com.devicecreds.inventory.loading.format.ManifestParser;
import com.devicecreds.inventory.loading.format.PackageFormat;
import com.devicecreds.inventory.loading.format.Pem;
import com.devicecreds.inventory.loading.upload.ProblemKind;
import com.devicecreds.inventory.loading.upload.TargetPool;
import com.devicecreds.inventory.loading.upload.UploadReport;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Validates a received package completely, listing every problem, and stages it when there is none,
 * all in one transaction: nothing of a refused package stays, and a staged batch is never available
 * to devices (its credentials are {@code staged}). See docs/decisions/011-credential-packages.md.
 */
@Component
public class PackageValidation {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PackageValidation.class);
    private static final int MAX_MANIFEST = 64 * 1024;
    private static final int MAX_SIGNATURE = 16 * 1024;
    private static final int MAX_SIGNER = 256 * 1024;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final LoadingProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    PackageValidation(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
            LoadingProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    public UploadReport validateAndStage(PackageReceiver.Received received, String fileName, Actor actor,
            List<TrustedFacility> trusted) {
        var problems = new Problems();
        var report = new Report(fileName, received.bytes(), problems);
        try {
            return transaction.execute(status -> {
                var result = run(received, report, actor, trusted);
                if (!result.accepted()) {
                    status.setRollbackOnly();
                }
                return result;
            });
        } catch (DuplicateKeyException e) {
            // Another upload staged the same batch ID or manifest between our check and our insert.
            problems.add(ProblemKind.ALREADY_UPLOADED, "A package with the same batch ID or manifest was staged at the same moment.");
            return report.refused();
        }
    }

    private UploadReport run(PackageReceiver.Received received, Report report, Actor actor, List<TrustedFacility> trusted) {
        var problems = report.problems;
        var opened = PackageArchive.open(received.file(), properties.upload(), problems);
        if (opened.isEmpty()) {
            return report.refused();
        }
        try (var archive = opened.get()) {
            Optional<byte[]> manifestBytes = archive.readSmall(PackageFormat.MANIFEST, MAX_MANIFEST);
            if (manifestBytes.isEmpty() && archive.contains(PackageFormat.MANIFEST)) {
                problems.add(ProblemKind.MANIFEST, "The manifest is larger than " + MAX_MANIFEST / 1024 + " KiB.");
            }
            byte[] manifestSha = manifestBytes.map(PackageValidation::sha256).orElse(null);
            report.manifestSha256 = Optional.ofNullable(manifestSha).map(HexFormat.of()::formatHex);
            var parsed = manifestBytes.map(ManifestParser::parse);
            parsed.ifPresent(p -> p.problems().forEach(message -> problems.add(ProblemKind.MANIFEST, message)));
            report.manifest = parsed.flatMap(ManifestParser.Result::manifest);

            var staging = new Staging(jdbc);
            Optional<Staging.Type> type = report.manifest.flatMap(m -> checkedType(staging, m, problems));
            report.pool = type.map(Staging.Type::pool);
            type.ifPresent(t -> staging.lock(t.pool().credentialTypeId()));

            Optional<X509Certificate> signer = manifestBytes.flatMap(bytes -> signer(archive, bytes, trusted, problems));

            long started = System.nanoTime();
            boolean scanned = scanRecords(archive, staging, type, report);
            long read = System.nanoTime();
            if (scanned) {
                staging.findDuplicates(type, problems);
            }
            long checked = System.nanoTime();
            report.manifest.ifPresent(m -> staging.findEarlierUpload(m, manifestSha, problems));
            if (!problems.isEmpty() || type.isEmpty() || signer.isEmpty() || report.manifest.isEmpty()) {
                return report.refused();
            }
            var manifest = report.manifest.get();
            long batchId = staging.stage(manifest, manifestBytes.get(), manifestSha, type.get().pool().credentialTypeId(),
                    Pem.fingerprint(signer.get()), signer.get().getSubjectX500Principal().getName(), report.fileName,
                    report.bytes, actor.username(), clock.instant());
            report.pool = staging.type(manifest.credentialType()).map(Staging.Type::pool);
            log.info("Package {}: {} records read and copied in {} ms, checked for duplicates in {} ms, staged in {} ms",
                    manifest.batchId(), manifest.recordCount(), (read - started) / 1_000_000, (checked - read) / 1_000_000,
                    (System.nanoTime() - checked) / 1_000_000);
            var staged = BatchRows.byId(jdbc, batchId).orElseThrow();
            events.publishEvent(new BatchAwaitingApproval(staged.id(), staged.batchRef(), staged.credentialTypeId(),
                    staged.typeName(), staged.recordCount(), staged.submittedBy(), staged.approvalsRequired()));
            return report.accepted(staged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Staging.Type> checkedType(Staging staging, Manifest manifest, Problems problems) {
        var type = staging.type(manifest.credentialType());
        if (type.isEmpty()) {
            problems.add(ProblemKind.UNKNOWN_TYPE, "The credential type '" + manifest.credentialType() + "' does not exist.");
        } else if (type.get().issuedOnline()) {
            problems.add(ProblemKind.TYPE_NOT_LOADABLE, "The credential type '" + manifest.credentialType()
                    + "' is issued online at request time: it has no pool to load.");
            return Optional.empty();
        }
        return type;
    }

    private Optional<X509Certificate> signer(PackageArchive archive, byte[] manifest, List<TrustedFacility> trusted,
            Problems problems) {
        try {
            return SignatureCheck.verify(manifest, archive.readSmall(PackageFormat.SIGNATURE, MAX_SIGNATURE),
                    archive.readSmall(PackageFormat.SIGNER, MAX_SIGNER), trusted, clock.instant(), problems);
        } catch (IOException e) {
            problems.add(ProblemKind.BAD_SIGNATURE, "The signature entries cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Reads the records into the staging table; false when they could not be read to the end. */
    private boolean scanRecords(PackageArchive archive, Staging staging, Optional<Staging.Type> type, Report report) {
        var problems = report.problems;
        if (!archive.contains(PackageFormat.RECORDS)) {
            return false;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint beforeRecords = savepoint(connection);
        try (var copy = staging.openStagingTable(connection); var in = archive.open(PackageFormat.RECORDS)) {
            var scanner = new RecordScanner(type.map(Staging.Type::deviceRule), problems);
            var result = scanner.scan(in, copy);
            copy.finish();
            report.manifest.ifPresent(m -> {
                if (!Arrays.equals(result.sha256(), m.recordsSha256())) {
                    problems.add(ProblemKind.RECORDS_HASH, "The records do not match the manifest's SHA-256: a record was "
                            + "changed, added or removed after the facility signed the package.");
                }
                if (result.records() != m.recordCount()) {
                    problems.add(ProblemKind.RECORD_COUNT, "The manifest announces " + m.recordCount()
                            + " records, the package holds " + result.records() + ".");
                }
            });
            return true;
        } catch (PackageArchive.InflateLimitException e) {
            problems.add(ProblemKind.INFLATE_LIMIT, e.getMessage());
            rollbackTo(connection, beforeRecords);
        } catch (ZipException e) {
            problems.add(ProblemKind.NOT_A_ZIP, "The records entry is damaged: " + e.getMessage() + ".");
            rollbackTo(connection, beforeRecords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Staging the records failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return false;
    }

    /** A cancelled COPY aborts the transaction; rolling back to here lets the remaining checks run. */
    private static Savepoint savepoint(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rollbackTo(Connection connection, Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not roll back the cancelled records", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The report as it grows during validation. */
    private static final class Report {
        final String fileName;
        final long bytes;
        final Problems problems;
        Optional<Manifest> manifest = Optional.empty();
        Optional<String> manifestSha256 = Optional.empty();
        Optional<TargetPool> pool = Optional.empty();

        Report(String fileName, long bytes, Problems problems) {
            this.fileName = fileName;
            this.bytes = bytes;
            this.problems = problems;
        }

        UploadReport refused() {
            return new UploadReport(fileName, bytes, manifest, manifestSha256, pool, problems.all(), Optional.empty());
        }

        UploadReport accepted(com.devicecreds.inventory.loading.batch.StagedBatch batch) {
            return new UploadReport(fileName, bytes, manifest, manifestSha256, pool, List.of(), Optional.of(batch));
        }
    }
}
