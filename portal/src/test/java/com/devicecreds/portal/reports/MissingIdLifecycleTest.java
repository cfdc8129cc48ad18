package com.devicecreds.portal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.reporting.lists.ListPartImport;
import com.devicecreds.reporting.lists.ListPartImportService;
import com.devicecreds.reporting.lists.RowProblem;
import com.devicecreds.reporting.missing.MissingId;
import com.devicecreds.reporting.missing.MissingIdQuery;
import com.devicecreds.reporting.missing.MissingIdService;
import com.devicecreds.reporting.missing.MissingIdStatus;
import com.devicecreds.reporting.missing.MissingIdTotals;
import com.devicecreds.reporting.missing.MissingIds;
import com.devicecreds.reporting.missing.PartConvergence;
import com.devicecreds.testsupport.RecordsAudit;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A missing device ID's life on the real database and services: rejections deduplicated per
 * operator, type and device (late events included), new → sent in export k → resolved by the next
 * list part, and list parts that are refused change nothing.
 */
@PortalTest
class MissingIdLifecycleTest {

    @Autowired
    MissingIdService missingIds;
    @Autowired
    MissingIds lists;
    @Autowired
    ListPartImportService imports;
    @Autowired
    JdbcClient jdbc;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private OperatorRef operator;
    private int type;
    private int model;

    @BeforeEach
    void operatorWithAType() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id").params("miss-" + run, "Missing " + run)
                .query(Short.class).single();
        operator = new OperatorRef(id, "miss-" + run);
        type = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', ?, 'mac', 'pre-bound') returning id""")
                .params("miss-" + run, "Keybox " + run, id).query(Integer.class).single();
        jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(type, id).update();
        model = jdbc.sql("insert into device_model (manufacturer, name) values ('Acme', ?) returning id").param("STB " + run)
                .query(Integer.class).single();
    }

    @Test
    @RecordsAudit({AuditAction.REPORT_EXPORTED, AuditAction.AUTHORIZED_LIST_PART_IMPORTED})
    void a_missing_id_goes_from_new_to_sent_in_export_k_to_resolved_by_the_next_list_part_late_events_included() throws IOException {
        String listed = mac(1), d1 = mac(2), d2 = mac(3), other = mac(4);
        var part1 = (ListPartImport.Imported) asPki(() -> imports.importPart(operator, type, "part-1.csv", csv(listed)));
        assertThat(part1.partNumber()).isEqualTo(1);

        // d1 asks three times in two statements, d2 once without a pre-bound credential; other outcomes are no misses.
        reject(List.of(d1, d1), "not-on-authorized-list", now.minus(Duration.ofHours(3)), null);
        reject(List.of(d1), "not-on-authorized-list", now.minus(Duration.ofHours(1)), model);
        reject(List.of(d2), "no-credential-for-device", now.minus(Duration.ofHours(2)), null);
        reject(List.of(other), "pool-empty", now, null);
        assertThat(page()).as("not folded yet").isEmpty();
        lists.compact();

        var first = byDevice(page());
        assertThat(first.keySet()).containsExactlyInAnyOrder(d1, d2);
        assertThat(first.get(d1).attempts()).isEqualTo(3);
        assertThat(first.get(d1).firstSeen()).isEqualTo(now.minus(Duration.ofHours(3)));
        assertThat(first.get(d1).lastSeen()).isEqualTo(now.minus(Duration.ofHours(1)));
        assertThat(first.get(d1).model()).get().asString().startsWith("Acme STB");
        assertThat(first.get(d2).lastReason()).isEqualTo("no-credential-for-device");
        assertThat(first.values()).extracting(MissingId::status).containsOnly(MissingIdStatus.NEW);
        assertThat(totals(Optional.empty())).isEqualTo(new MissingIdTotals(2, 2));

        // A late event, logged now but ten days old: the same row, seen earlier, the latest model kept.
        reject(List.of(d1), "not-on-authorized-list", now.minus(Duration.ofDays(10)), null);
        lists.compact();
        var late = byDevice(page()).get(d1);
        assertThat(late.attempts()).isEqualTo(4);
        assertThat(late.firstSeen()).isEqualTo(now.minus(Duration.ofDays(10)));
        assertThat(late.lastSeen()).isEqualTo(now.minus(Duration.ofHours(1)));
        assertThat(late.model()).isPresent();
        assertThat(page()).hasSize(2);

        var sheet = new ByteArrayOutputStream();
        var export1 = asPki(() -> missingIds.exportForOperator(operator, Optional.empty(), ExportFormat.XLSX, sheet, ExportProgress.NONE));
        assertThat(export1.rows()).isEqualTo(2);
        assertThat(export1.exportNumberByType()).containsOnlyKeys(first.get(d1).credentialType()).containsValue(1);
        var sent = page();
        assertThat(sent).extracting(MissingId::status).containsOnly(MissingIdStatus.SENT);
        assertThat(sent).extracting(MissingId::sentInExport).containsOnly(OptionalInt.of(1));
        assertThat(totals(Optional.of(MissingIdStatus.SENT))).isEqualTo(new MissingIdTotals(2, 0));
        assertThat(totals(Optional.of(MissingIdStatus.NEW))).isEqualTo(new MissingIdTotals(0, 0));
        assertSheetEqualsQuery(sheet.toByteArray(), sent);

        // Part 2 lists d1 (twice) and the already listed ID: d1 is resolved by part 2, d2 stays sent in export 1.
        var part2 = (ListPartImport.Imported) asPki(() -> imports.importPart(operator, type, "part-2.csv",
                csv("Device ID", colons(d1), listed, d1.toLowerCase())));
        assertThat(part2).isEqualTo(new ListPartImport.Imported(2, 3, 1, 1, 1, 1));
        var after = byDevice(page());
        assertThat(after.get(d1).status()).isEqualTo(MissingIdStatus.RESOLVED);
        assertThat(after.get(d1).resolvedByPart()).isEqualTo(OptionalInt.of(2));
        assertThat(after.get(d2).status()).isEqualTo(MissingIdStatus.SENT);
        assertThat(totals(Optional.of(MissingIdStatus.RESOLVED))).as("the status filter counts the first figure only")
                .isEqualTo(new MissingIdTotals(1, 0));
        assertThat(totals(Optional.empty())).isEqualTo(new MissingIdTotals(2, 0));

        var export2 = asPki(() -> missingIds.exportForOperator(operator, Optional.empty(), ExportFormat.XLSX, new ByteArrayOutputStream(),
                ExportProgress.NONE));
        assertThat(export2.rows()).isEqualTo(1);
        assertThat(export2.exportNumberByType()).containsValue(2);
        assertThat(byDevice(page()).get(d2).sentInExport()).isEqualTo(OptionalInt.of(2));

        // Late rejections of listed devices: d1 stays resolved; the listed ID, missing only in old events, is resolved at once.
        reject(List.of(d1), "not-on-authorized-list", now.minus(Duration.ofDays(20)), null);
        reject(List.of(listed), "not-on-authorized-list", now.minus(Duration.ofDays(30)), null);
        lists.compact();
        var latest = byDevice(page());
        assertThat(latest.get(d1).status()).isEqualTo(MissingIdStatus.RESOLVED);
        assertThat(latest.get(d1).attempts()).isEqualTo(5);
        assertThat(latest.get(listed).status()).isEqualTo(MissingIdStatus.RESOLVED);
        assertThat(latest.get(listed).resolvedByPart()).isEqualTo(OptionalInt.of(1));

        assertThat(jdbc.sql("select actor || ' ' || outcome from audit_event where action = 'REPORT_EXPORTED' and target = ? order by seq")
                .param("missing-ids/" + operator.code()).query(String.class).list()).as("each export audited once")
                .containsExactly(PKI + " success", PKI + " success");
        assertThat(jdbc.sql("select actor || ' ' || outcome from audit_event where action = 'AUTHORIZED_LIST_PART_IMPORTED' and target = ? order by seq")
                .param(operator.code() + "/" + type).query(String.class).list()).as("each import audited once")
                .containsExactly(PKI + " success", PKI + " success");

        var convergence = asPki(() -> missingIds.convergence(operator, Optional.of(type)));
        assertThat(convergence).extracting(PartConvergence::partNumber).containsExactly(1, 2);
        assertThat(convergence.get(1)).isEqualTo(new PartConvergence(2, 1, 1, 1));
    }

    @Test
    void a_list_part_with_bad_rows_or_a_hostile_or_oversized_file_is_refused_and_changes_nothing() throws IOException {
        String d1 = mac(7);
        reject(List.of(d1), "not-on-authorized-list", now.minus(Duration.ofHours(1)), null);
        lists.compact();
        var before = state();

        var bad = (ListPartImport.Refused) asPki(() -> imports.importPart(operator, type, "part.csv",
                csv(colons(d1), "zz:zz", mac(8), "12345")));
        assertThat(bad.message()).contains("2 of 4 rows are no MAC address").contains("nothing was imported");
        assertThat(bad.problems()).extracting(RowProblem::line).containsExactly(2, 4);

        byte[] hostile = withSheet(xlsx(d1), """
                        <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>
                        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                        <row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>""");
        var xxe = (ListPartImport.Refused) asPki(() -> imports.importPart(operator, type, "part.xlsx",
                new ByteArrayInputStream(hostile)));
        assertThat(xxe.message()).contains("DOCTYPE");

        byte[] bombFile = withSheet(xlsx(d1), "<worksheet xmlns=\"http://schemas.openxmlformats.org/"
                + "spreadsheetml/2006/main\"><sheetData>" + " ".repeat(30 << 20) + "</sheetData></worksheet>");
        var bomb = (ListPartImport.Refused) asPki(() -> imports.importPart(operator, type, "part.xlsx",
                new ByteArrayInputStream(bombFile)));
        assertThat(bomb.message()).contains("zip bomb");

        var huge = (ListPartImport.Refused) asPki(() -> imports.importPart(operator, type, "part.csv",
                new ByteArrayInputStream(new byte[21 << 20])));
        assertThat(huge.message()).contains("larger than 20 MB");

        assertThat(state()).isEqualTo(before);
        assertThat(jdbc.sql("""
                        select count(*) from audit_event where action = 'AUTHORIZED_LIST_PART_IMPORTED' and outcome = 'failed'
                          and target = ?""").param(operator.code() + "/" + type).query(Long.class).single()).isEqualTo(4);
    }

    /** Every cell of the export equals the query's row: text as text, numbers as numeric cells, times as date cells. */
    private static void assertSheetEqualsQuery(byte[] xlsx, List<MissingId> rows) throws IOException {
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(rows.size());
            var expected = byDevice(rows);
            for (int r = 1; r <= rows.size(); r++) {
                var row = sheet.getRow(r);
                var m = expected.get(row.getCell(2).getStringCellValue());
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo(m.operatorCode());
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(m.credentialType());
                assertThat(row.getCell(3).getStringCellValue()).isEqualTo(m.status().label());
                for (int c : new int[] {4, 5}) {
                    assertThat(DateUtil.isCellDateFormatted(row.getCell(c))).isTrue();
                }
                assertThat(row.getCell(4).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.ofInstant(m.firstSeen(), ZoneOffset.UTC));
                assertThat(row.getCell(5).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.ofInstant(m.lastSeen(), ZoneOffset.UTC));
                assertThat(row.getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat((long) row.getCell(6).getNumericCellValue()).isEqualTo(m.attempts());
                assertThat(row.getCell(7) == null ? null : row.getCell(7).getStringCellValue()).isEqualTo(m.model().orElse(null));
                assertThat(row.getCell(8).getStringCellValue()).isEqualTo(m.lastReason());
                assertThat(row.getCell(9).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat((int) row.getCell(9).getNumericCellValue()).isEqualTo(m.sentInExport().getAsInt());
            }
        }
    }

    private record State(long listed, long parts, List<String> statuses) {
    }

    private State state() {
        return new State(jdbc.sql("select count(*) from authorized_device where operator_id = ?").param(operator.id())
                .query(Long.class).single(),
                jdbc.sql("select count(*) from authorized_list_part where operator_id = ?").param(operator.id())
                        .query(Long.class).single(),
                jdbc.sql("select device_id || ':' || status from missing_device_id where operator_id = ? order by 1")
                        .param(operator.id()).query(String.class).list());
    }

    private MissingIdTotals totals(Optional<MissingIdStatus> status) {
        return asPki(() -> missingIds.totals(new MissingIdQuery(Optional.of(operator), Optional.of(type), status)));
    }

    private List<MissingId> page() {
        return asPki(() -> missingIds.page(new MissingIdQuery(Optional.of(operator), Optional.of(type), Optional.empty()), 0, 500));
    }

    private static Map<String, MissingId> byDevice(List<MissingId> rows) {
        return rows.stream().collect(java.util.stream.Collectors.toMap(MissingId::deviceId, m -> m));
    }

    /** Rejections of the devices, inserted in one statement through the partitioned root. */
    private void reject(List<String> devices, String reason, Instant at, Integer modelId) {
        jdbc.sql("""
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                        device_model_id, server_node, outcome, rejection_reason)
                        select :at, :operator, :type, d, 'mac', :model, 'node-test', 'rejected', :reason
                        from unnest(string_to_array(:devices, ',')) as d""")
                .param("at", Timestamp.from(at)).param("operator", operator.id()).param("type", type)
                .param("model", modelId).param("reason", reason).param("devices", String.join(",", devices))
                .update();
    }

    /** The user asPki signs in (SignedIn.withRole). */
    private static final String PKI = Roles.PKI_OPS.toLowerCase() + ".tester";

    private <T> T asPki(java.util.function.Supplier<T> call) {
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            return call.get();
        }
    }

    private String mac(int i) {
        return String.format("%04X%08X", operator.id() & 0xFFFF, i);
    }

    private static String colons(String mac) {
        return String.join(":", mac.toLowerCase().split("(?<=\\G..)"));
    }

    private static InputStream csv(String... lines) {
        return new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] xlsx(String id) throws IOException {
        try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            book.createSheet("List").createRow(0).createCell(0).setCellValue(id);
            book.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] withSheet(byte[] zip, String sheetXml) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip)); var z = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(e.getName().equals("xl/worksheets/sheet1.xml") ? sheetXml.getBytes(StandardCharsets.UTF_8)
                        : in.readAllBytes());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
