package com.devicecreds.portal.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.OperatorScope;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.schedules.ReportKind;
import com.devicecreds.reporting.schedules.ReportSchedule;
import com.devicecreds.reporting.schedules.ReportScheduleService;
import com.devicecreds.reporting.schedules.ReportSchedules;
import com.devicecreds.reporting.schedules.ScheduleChange;
import com.devicecreds.reporting.schedules.ScheduleDraft;
import com.devicecreds.reporting.schedules.ScheduledReportWorkbook;
import com.devicecreds.reporting.schedules.Timing;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageRollups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A schedule can attach CSV instead of Excel (decision 028): kept with the schedule, audited, the same rows. */
@PortalTest
class ScheduledCsvReportTest {

    @Autowired
    ReportScheduleService service;
    @Autowired
    ReportSchedules schedules;
    @Autowired
    ScheduledReportWorkbook workbook;
    @Autowired
    UsageRollups usage;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_csv_schedule_attaches_its_operators_usage_rows_as_csv_and_the_audit_trail_says_so() {
        var world = new ScheduleWorld(jdbc);
        var weekly = Timing.weekly(LocalDate.now(ZoneOffset.UTC).plusDays(1).getDayOfWeek(), LocalTime.of(6, 0), ZoneOffset.UTC);
        ReportSchedule created;
        try (var admin = SignedIn.as(SignedIn.withRole(Roles.ADMIN))) {
            created = ((ScheduleChange.Saved) service.create(new ScheduleDraft(world.a, ReportKind.USAGE, weekly, true,
                    Set.of(world.firstOfA), ExportFormat.CSV))).schedule();
        }
        var schedule = schedules.find(created.id()).orElseThrow();
        assertThat(schedule.format()).isEqualTo(ExportFormat.CSV);
        var period = schedule.timing().periodBefore(Instant.now());
        assertThat(ScheduledReportWorkbook.fileName(schedule, period))
                .isEqualTo("usage-" + world.a.code() + "-" + period.from() + "-" + period.to() + ".csv");

        var file = new ByteArrayOutputStream();
        long rows = new TransactionTemplate(transactions).execute(status -> workbook.write(schedule, period, file));
        var expected = usage.report(OperatorScope.only(world.a),
                new UsageQuery(Optional.of(world.a), period.from(), period.to(), Granularity.DAY)).rows();
        String text = file.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFPeriod start (UTC),Credential type,Delivered,Re-delivered,Rejected,Total\r\n");
        var lines = text.substring(1).split("\r\n");
        assertThat(rows).isEqualTo(expected.size()).isEqualTo(7);
        assertThat(lines).hasSize(expected.size() + 1);
        for (int i = 0; i < expected.size(); i++) {
            var r = expected.get(i);
            assertThat(lines[i + 1]).startsWith(r.period() + ",")
                    .endsWith("," + r.delivered() + "," + r.redelivered() + "," + r.rejected() + "," + r.total());
        }
        assertThat(jdbc.sql("select details::text from audit_event where action = 'REPORT_SCHEDULE_CHANGED' and target = ?")
                .param("operator/" + world.a.code() + "/schedule/" + schedule.id()).query(String.class).single())
                .contains("Weekly usage report as CSV");
    }
}
