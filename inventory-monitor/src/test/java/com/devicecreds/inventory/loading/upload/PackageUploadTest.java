package com.devicecreds.inventory.loading.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipInputStream;

import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.inventory.loading.LoadingFixture;
import com.devicecreds.inventory.loading.format.PackageFormat;
import com.devicecreds.inventory.loading.sample.Defect;
import com.devicecreds.inventory.loading.sample.DeviceIdKind;
import com.devicecreds.inventory.loading.sample.Facility;
import com.devicecreds.inventory.loading.sample.SamplePackage;
import com.devicecreds.testsupport.RecordsAudit;
import com.devicecreds.testsupport.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@SpringBootTest
class PackageUploadTest {

    private static final Facility TRUSTED = LoadingFixture.facility("Trusted Test KGF");

    @Autowired
    PackageUploadService uploads;
    @Autowired
    JdbcClient jdbc;

    private LoadingFixture fixture;
    private LoadingFixture.Type preBound;
    private LoadingFixture.Type unbound;
    private SignedIn signedIn;

    @BeforeEach
    void world() {
        fixture = new LoadingFixture(jdbc);
        fixture.trust(TRUSTED);
        preBound = fixture.type("netflix", "pre-bound", "mac");
        unbound = fixture.type("widevine", "next-available", "soc-id");
        signedIn = SignedIn.pkiOps();
    }

    @AfterEach
    void signOut() {
        signedIn.close();
    }

    private UploadReport upload(SamplePackage sample) {
        return uploads.upload(new ByteArrayInputStream(sample.toBytes()), sample.batchId() + ".zip");
    }

    private SamplePackage valid(int records) {
        return SamplePackage.of(TRUSTED, preBound.code(), records).deviceIds(DeviceIdKind.MAC).seed(records);
    }

    @Test
    void a_valid_package_is_staged_with_exactly_its_records_and_none_is_available_to_devices() throws Exception {
        long[] before = fixture.counts(preBound);
        var sample = valid(25);
        byte[] zip = sample.toBytes();

        var report = uploads.upload(new ByteArrayInputStream(zip), "good.zip");

        assertThat(report.problems()).isEmpty();
        assertThat(report.accepted()).isTrue();
        var batch = report.batch().orElseThrow();
        assertThat(batch.batchRef()).isEqualTo(sample.batchId());
        assertThat(batch.state()).isEqualTo("staged");
        assertThat(batch.recordCount()).isEqualTo(25);
        assertThat(batch.submittedBy()).isEqualTo("pki.anna");
        assertThat(batch.manifestSha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(entry(zip, PackageFormat.MANIFEST))));
        assertThat(report.manifestSha256()).contains(batch.manifestSha256());
        assertThat(report.pool().orElseThrow().typeCode()).isEqualTo(preBound.code());

        var stored = jdbc.sql("""
                        select credential_ref || ',' || prebound_device_id || ',' || encode(payload, 'base64')
                        from credential where batch_id = ? and state = 'staged' order by credential_ref""")
                .param(batch.id()).query(String.class).list();
        var lines = new String(entry(zip, PackageFormat.RECORDS)).lines().skip(1).sorted().toList();
        assertThat(stored).isEqualTo(lines);
        assertThat(jdbc.sql("select count(*) from credential where batch_id = ? and state <> 'staged'").param(batch.id())
                .query(Long.class).single()).isZero();
        long[] after = fixture.counts(preBound);
        assertThat(after[1]).as("available").isEqualTo(before[1]);
        assertThat(after[0]).as("staged").isEqualTo(before[0] + 25);
    }

    @Test
    @RecordsAudit(AuditAction.CREDENTIAL_PACKAGE_UPLOADED)
    void an_accepted_upload_is_audited_with_batch_type_count_and_hash() {
        var report = upload(valid(3));
        var batch = report.batch().orElseThrow();

        var audit = jdbc.sql("select outcome, actor, target, details::text from audit_event where action = 'CREDENTIAL_PACKAGE_UPLOADED' "
                + "and target = ?").param("batch:" + batch.batchRef()).query((rs, n) -> List.of(rs.getString(1), rs.getString(2),
                rs.getString(4))).single();
        assertThat(audit.get(0)).isEqualTo("success");
        assertThat(audit.get(1)).isEqualTo("pki.anna");
        assertThat(audit.get(2)).contains(preBound.code()).contains("\"recordCount\":\"3\"").contains(batch.manifestSha256());
    }

    @Test
    void a_refused_upload_is_audited_with_its_problems_and_leaves_no_batch_behind() {
        var sample = valid(5).defect(Defect.TAMPERED_RECORD);
        var report = upload(sample);

        assertThat(report.accepted()).isFalse();
        assertThat(jdbc.sql("select count(*) from credential_batch where batch_ref = ?").param(sample.batchId())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from credential where credential_ref like ?").param(sample.batchId() + "-%")
                .query(Long.class).single()).isZero();
        var details = jdbc.sql("select outcome || ' ' || details::text from audit_event where action = 'CREDENTIAL_PACKAGE_UPLOADED' "
                + "and target = ?").param("batch:" + sample.batchId()).query(String.class).single();
        assertThat(details).startsWith("failed").contains("RECORDS_HASH").contains(preBound.code());
    }

    @Test
    void a_tampered_record_is_refused() {
        var report = upload(valid(5).defect(Defect.TAMPERED_RECORD));
        assertRefused(report, ProblemKind.RECORDS_HASH, "The records do not match the manifest's SHA-256");
    }

    @Test
    void a_manifest_count_that_does_not_match_the_records_is_refused() {
        var report = upload(valid(5).defect(Defect.WRONG_COUNT));
        assertRefused(report, ProblemKind.RECORD_COUNT, "The manifest announces 6 records, the package holds 5.");
    }

    @Test
    void an_unsigned_package_is_refused() {
        var report = upload(valid(5).defect(Defect.UNSIGNED));
        assertRefused(report, ProblemKind.UNSIGNED, "The package is not signed");
    }

    @Test
    void a_package_signed_by_an_untrusted_facility_is_refused() {
        var stranger = LoadingFixture.facility("Stranger KGF");
        var report = upload(SamplePackage.of(stranger, preBound.code(), 5).deviceIds(DeviceIdKind.MAC));
        assertRefused(report, ProblemKind.UNTRUSTED_SIGNER, "is not a trusted key generation facility");
    }

    @Test
    void a_package_signed_with_an_expired_certificate_is_refused() {
        var expired = Facility.selfSigned("Expired KGF", Instant.now().minus(Duration.ofDays(400)),
                Instant.now().minus(Duration.ofDays(35)));
        fixture.trust(expired);
        var report = upload(SamplePackage.of(expired, preBound.code(), 5).deviceIds(DeviceIdKind.MAC));
        assertRefused(report, ProblemKind.SIGNER_NOT_VALID, "expired on");
    }

    @Test
    void a_package_signed_by_a_facility_certified_by_a_trusted_ca_is_accepted() {
        var ca = LoadingFixture.facility("Facility CA");
        fixture.trust(ca);
        var issued = ca.issue("Line 3 HSM", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        var report = upload(SamplePackage.of(issued, preBound.code(), 4).deviceIds(DeviceIdKind.MAC).seed(77));
        assertThat(report.problems()).isEmpty();
        assertThat(report.batch().orElseThrow().signerSubject()).contains("Line 3 HSM");
    }

    @Test
    void duplicate_credential_ids_within_the_batch_are_refused() {
        var report = upload(valid(5).defect(Defect.DUPLICATE_IDS));
        assertRefused(report, ProblemKind.DUPLICATE_IN_BATCH, "appears 2 times (lines 2, 3)");
    }

    @Test
    void a_credential_id_already_in_the_database_is_refused() {
        var first = valid(5).credentialIdPrefix("SHARED-" + preBound.code());
        assertThat(upload(first).accepted()).isTrue();
        var second = valid(5).seed(999).credentialIdPrefix("SHARED-" + preBound.code());

        var report = upload(second);
        assertRefused(report, ProblemKind.DUPLICATE_IN_DATABASE, "exists already in this pool (batch " + first.batchId() + ")");
        assertThat(report.problems()).filteredOn(p -> p.kind() == ProblemKind.DUPLICATE_IN_DATABASE).hasSize(5);
    }

    @Test
    void the_same_package_twice_is_refused() {
        byte[] zip = valid(5).toBytes();
        assertThat(uploads.upload(new ByteArrayInputStream(zip), "once.zip").accepted()).isTrue();

        var report = uploads.upload(new ByteArrayInputStream(zip), "twice.zip");
        assertRefused(report, ProblemKind.ALREADY_UPLOADED, "This package was uploaded before");
    }

    @Test
    void a_device_id_not_in_the_normalized_form_of_the_type_is_refused() {
        var report = upload(valid(5).defect(Defect.BAD_DEVICE_ID));
        assertRefused(report, ProblemKind.DEVICE_ID_FORMAT,
                "Line 2: the device ID 'aa:bb:cc:dd:ee:ff' is not a MAC address in normalized form (^[0-9A-F]{12}$).");
    }

    @Test
    void an_oversized_package_is_refused_before_it_is_read() {
        var big = SamplePackage.of(TRUSTED, preBound.code(), 120).deviceIds(DeviceIdKind.MAC).payloadBytes(40_000);
        var report = upload(big);
        assertRefused(report, ProblemKind.OVERSIZED, "The package is larger than the limit of 4 MB");
        assertThat(report.problems()).hasSize(1);
    }

    @Test
    void a_zip_bomb_is_refused() {
        var report = upload(valid(5).defect(Defect.ZIP_BOMB));
        assertRefused(report, ProblemKind.INFLATE_LIMIT, "refused as a possible zip bomb");
    }

    @Test
    void an_entry_that_climbs_out_of_the_archive_is_refused() {
        var report = upload(valid(5).defect(Defect.PATH_TRAVERSAL));
        assertRefused(report, ProblemKind.UNSAFE_ENTRY_NAME, "'../../etc/cron.d/credentials' has an absolute path or climbs out");
    }

    @Test
    void every_problem_of_a_package_is_listed_not_only_the_first() {
        var stranger = LoadingFixture.facility("Stranger KGF");
        var report = upload(SamplePackage.of(stranger, preBound.code(), 5).deviceIds(DeviceIdKind.MAC)
                .defect(Defect.DUPLICATE_IDS));
        assertThat(report.problems()).extracting(Problem::kind)
                .contains(ProblemKind.UNTRUSTED_SIGNER, ProblemKind.DUPLICATE_IN_BATCH);
    }

    @Test
    void an_unbound_type_takes_records_without_device_ids_and_refuses_pre_bound_ones() {
        assertThat(upload(SamplePackage.of(TRUSTED, unbound.code(), 5)).problems()).isEmpty();
        var report = upload(SamplePackage.of(TRUSTED, unbound.code(), 2).deviceIds(DeviceIdKind.SOC_ID));
        assertRefused(report, ProblemKind.DEVICE_ID_FORMAT, "binds credentials at delivery");
    }

    @Test
    void unknown_and_online_issued_types_are_refused() {
        var online = fixture.type("certs", "issued-online", "cert-fingerprint");
        assertRefused(upload(SamplePackage.of(TRUSTED, "no-such-type", 2)), ProblemKind.UNKNOWN_TYPE,
                "The credential type 'no-such-type' does not exist.");
        assertRefused(upload(SamplePackage.of(TRUSTED, online.code(), 2)), ProblemKind.TYPE_NOT_LOADABLE,
                "is issued online at request time");
    }

    @Test
    void a_file_that_is_not_a_zip_is_refused() {
        var report = uploads.upload(new ByteArrayInputStream("hello".getBytes()), "notes.txt");
        assertRefused(report, ProblemKind.NOT_A_ZIP, "not a readable ZIP archive");
    }

    @Test
    void only_pki_operations_may_upload() {
        try (var admin = SignedIn.as("admin.erik", Optional.empty(), Roles.ADMIN)) {
            assertThatThrownBy(() -> upload(valid(1))).isInstanceOf(AccessDeniedException.class);
        }
        try (var staff = SignedIn.as("op.x", Optional.of("nobody"), Roles.OPERATOR_STAFF)) {
            assertThatThrownBy(() -> upload(valid(1))).isInstanceOf(AccessDeniedException.class);
        }
    }

    private static void assertRefused(UploadReport report, ProblemKind kind, String message) {
        assertThat(report.accepted()).isFalse();
        assertThat(report.batch()).isEmpty();
        assertThat(report.problems()).filteredOn(p -> p.kind() == kind).as("problems: %s", report.problems())
                .isNotEmpty().anySatisfy(p -> assertThat(p.message()).contains(message));
    }

    private static byte[] entry(byte[] zip, String name) throws Exception {
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no entry " + name);
    }
}
