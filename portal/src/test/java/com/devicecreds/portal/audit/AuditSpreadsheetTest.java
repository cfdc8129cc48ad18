package com.devicecreds.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.trail.AuditQuery;
import com.devicecreds.audit.trail.AuditTrail;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.testsupport.RecordsAudit;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** The audit view's spreadsheet equals the search it exports, typed cells and all, and is recorded once. */
@PortalTest
class AuditSpreadsheetTest {

    @Autowired
    AuditSpreadsheet spreadsheet;
    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcClient jdbc;

    @Test
    @RecordsAudit(AuditAction.AUDIT_EXPORTED)
    void an_auditor_exports_a_search_read_back_it_equals_the_search() throws Exception {
        var query = new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        var out = new ByteArrayOutputStream();
        List<com.devicecreds.audit.AuditRow> expected;
        try (var auditor = SignedIn.as(SignedIn.user("audit.xlsx", Optional.empty(), Roles.AUDITOR))) {
            expected = trail.search(query, 0, 1000);
            assertThat(spreadsheet.export(query, ExportFormat.XLSX, out, ExportProgress.NONE)).isEqualTo(expected.size());
        }
        assertThat(expected).isNotEmpty();
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Sequence");
            assertThat(sheet.getLastRowNum()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                var row = sheet.getRow(i + 1);
                var audit = expected.get(i);
                assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat((long) row.getCell(0).getNumericCellValue()).isEqualTo(audit.seq());
                assertThat(DateUtil.isCellDateFormatted(row.getCell(1))).isTrue();
                assertThat(row.getCell(2).getStringCellValue()).isEqualTo(audit.actor());
                assertThat(row.getCell(5).getStringCellValue()).isEqualTo(audit.action());
                assertThat(row.getCell(7).getStringCellValue()).isEqualTo(audit.outcome());
            }
        }
        assertThat(jdbc.sql("""
                        select outcome || ' ' || details from audit_event where action = 'AUDIT_EXPORTED' and actor = 'audit.xlsx'""")
                .query(String.class).list()).singleElement().asString()
                .startsWith("success ").contains("\"format\":\"spreadsheet\"", "\"rows\":\"" + expected.size() + "\"");
    }

    @Test
    void nobody_but_auditors_and_administrators_gets_the_rows() {
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThatThrownBy(() -> spreadsheet.export(AuditQuery.ALL, ExportFormat.XLSX, new ByteArrayOutputStream(), ExportProgress.NONE))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }
}
