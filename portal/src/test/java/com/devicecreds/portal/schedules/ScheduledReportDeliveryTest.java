package com.devicecreds.portal.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.devicecreds.access.OperatorScope;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.notification.TestSmtp;
import com.devicecreds.reporting.schedules.ReportKind;
import com.devicecreds.reporting.schedules.ReportPeriod;
import com.devicecreds.reporting.schedules.ReportSchedule;
import com.devicecreds.reporting.schedules.ReportScheduleService;
import com.devicecreds.reporting.schedules.ReportSchedules;
import com.devicecreds.reporting.schedules.ScheduleChange;
import com.devicecreds.reporting.schedules.ScheduleDraft;
import com.devicecreds.reporting.schedules.Timing;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageRollups;
import com.devicecreds.reporting.usage.UsageRow;
import com.devicecreds.testsupport.SignedIn;
import com.icegreen.greenmail.util.GreenMail;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scheduled reports end to end on the real database and a real SMTP server (GreenMail): run now
 * and the clustered scheduler (every 2 s here) deliver an .xlsx with the schedule's operator's rows
 * only, through the outbox (its sender runs every 15 s); a period is delivered once however many
 * runs race for it.
 */
@PortalTest(properties = {"portal.scheduled-reports.interval=2s",
        "spring.mail.properties.mail.smtp.connectiontimeout=2000", "spring.mail.properties.mail.smtp.timeout=5000"})
class ScheduledReportDeliveryTest {

    private static final int SMTP_PORT = TestSmtp.freePort();
    private static final GreenMail SMTP = TestSmtp.start(SMTP_PORT);

    @Autowired
    ReportScheduleService service;
    @Autowired
    ReportSchedules schedules;
    @Autowired
    ScheduledReportDelivery delivery;
    @Autowired
    UsageRollups usage;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, SMTP_PORT);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    /** A weekly usage schedule of A for both of A's contacts, on a weekday whose run is not due before next week. */
    private ReportSchedule weeklyUsageOfA(ScheduleWorld world) {
        try (var admin = SignedIn.admin()) {
            var change = service.create(new ScheduleDraft(world.a, ReportKind.USAGE, notYetDue(), true,
                    Set.of(world.firstOfA, world.secondOfA)));
            return ((ScheduleChange.Saved) change).schedule();
        }
    }

    /** Weekly on tomorrow's weekday: its latest run was six days ago, before the schedule existed. */
    private static Timing notYetDue() {
        return Timing.weekly(java.time.LocalDate.now(ZoneOffset.UTC).plusDays(1).getDayOfWeek(), LocalTime.of(6, 0),
                ZoneId.of("UTC"));
    }

    @Test
    void run_now_mails_an_xlsx_with_the_operators_usage_rows_only_to_its_chosen_contacts() throws Exception {
        var world = new ScheduleWorld(jdbc);
        var schedule = weeklyUsageOfA(world);

        RunResult result;
        try (var staffOfA = SignedIn.operatorStaff(world.a.code())) {
            result = delivery.runNow(schedule.id());
        }

        var sent = (RunResult.Sent) result;
        ReportPeriod period = sent.period();
        assertThat(period).isEqualTo(schedule.timing().periodBefore(Instant.now()));
        assertThat(sent.recipients()).isEqualTo(2);
        var mails = awaitMails(world.a.code(), 2);
        assertThat(mails).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder(world.email(world.firstOfA), world.email(world.secondOfA));
        assertThat(mailsTo(world.email(world.contactOfB))).isEmpty();
        var mail = mails.getFirst();
        assertThat(mail.getSubject()).isEqualTo("Weekly usage report: " + world.a.code() + ", " + period.label());

        var attachment = attachment(mail);
        assertThat(attachment.getFileName()).isEqualTo("usage-" + world.a.code() + "-" + period.from() + "-" + period.to() + ".xlsx");
        var expected = usage.report(OperatorScope.only(world.a),
                new UsageQuery(Optional.of(world.a), period.from(), period.to(), Granularity.DAY)).rows();
        assertThat(expected).hasSize(7).allSatisfy(r -> assertThat(r.credentialTypeId()).isEqualTo(world.typeOfA));
        try (var workbook = new XSSFWorkbook(attachment.getInputStream())) {
            assertThat(workbook.getSheetName(0)).isEqualTo("Requests chart");
            assertThat(workbook.getAllPictures()).hasSize(1);
            var sheet = workbook.getSheet("Usage per day");
            var rows = new ArrayList<String>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                var row = sheet.getRow(r);
                rows.add(DateUtil.getLocalDateTime(row.getCell(0).getNumericCellValue()).toLocalDate() + " "
                        + row.getCell(1).getStringCellValue() + " " + (long) row.getCell(2).getNumericCellValue() + " "
                        + (long) row.getCell(4).getNumericCellValue() + " " + (long) row.getCell(5).getNumericCellValue());
            }
            assertThat(rows).containsExactlyElementsOf(expected.stream().map(ScheduledReportDeliveryTest::line).toList());
            assertThat(rows).noneMatch(line -> line.contains("Keybox B"));
        }

        // The operator's staff see it in the bell; the delivery history has the run.
        assertThat(jdbc.sql("select title from notification where source_kind = ? and operator_id = ?")
                .params(ScheduledReportDelivery.SOURCE_KIND, world.a.id()).query(String.class).list())
                .containsExactly("Weekly usage report sent to 2 contacts");
        try (var staffOfA = SignedIn.operatorStaff(world.a.code())) {
            assertThat(service.deliveries(schedule.id(), 0, 10)).singleElement().satisfies(d -> {
                assertThat(d.sent()).isTrue();
                assertThat(d.trigger()).isEqualTo("run-now");
                assertThat(d.requestedBy()).isEqualTo("op." + world.a.code());
                assertThat(d.rows()).contains(7L);
                assertThat(d.period()).isEqualTo(period);
            });
        }
        // The attachment is stored once, not once per recipient.
        assertThat(jdbc.sql("""
                        select count(*) from notification_attachment a join notification n on n.id = a.notification_id
                        where n.operator_id = ? and n.source_kind = ?""")
                .params(world.a.id(), ScheduledReportDelivery.SOURCE_KIND).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void the_scheduler_delivers_a_missed_schedule_once_for_the_latest_period_only() throws Exception {
        var world = new ScheduleWorld(jdbc);
        var schedule = weeklyUsageOfA(world);
        // As if the schedule had existed for five weeks while no portal ran: four runs were missed.
        jdbc.sql("update report_schedule set due_from = now() - interval '35 days' where id = ?").param(schedule.id()).update();

        awaitMails(world.a.code(), 2);
        Thread.sleep(Duration.ofSeconds(6)); // three more runs of the job

        var period = schedule.timing().periodBefore(schedule.timing().latestRunAtOrBefore(Instant.now()));
        assertThat(jdbc.sql("select trigger, period_start, outcome from report_delivery where schedule_id = ?")
                .param(schedule.id()).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list())
                .containsExactly("schedule " + period.from() + " sent");
        assertThat(mailsTo(world.email(world.firstOfA))).hasSize(1);
        assertThat(jdbc.sql("select requested_by from report_delivery where schedule_id = ?").param(schedule.id())
                .query(String.class).single()).isEqualTo("system");
    }

    @Test
    void a_failed_period_is_tried_again_only_after_its_back_off_and_never_after_the_last_attempt() throws Exception {
        assertThat(java.util.List.of(1, 2, 3, 5, 40).stream().map(delivery::retryAfter).toList()).containsExactly(
                Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofHours(1), Duration.ofHours(1));
        var world = new ScheduleWorld(jdbc);
        var waiting = weeklyUsageOfA(world);
        var givenUp = weeklyUsageOfA(world);
        var period = waiting.timing().periodBefore(waiting.timing().latestRunAtOrBefore(Instant.now()));
        failedRun(waiting.id(), period.from(), Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            failedRun(givenUp.id(), period.from(), Duration.ofHours(2 + i));
        }
        jdbc.sql("update report_schedule set due_from = now() - interval '35 days' where id in (?, ?)")
                .params(waiting.id(), givenUp.id()).update();

        Thread.sleep(Duration.ofSeconds(6)); // three runs of the job, all within the five minutes' back-off
        assertThat(sent(waiting.id())).isZero();

        // Five minutes later (as far as the failed run is concerned), the job tries again and delivers.
        jdbc.sql("update report_delivery set started_at = started_at - interval '5 minutes' where schedule_id = ?")
                .param(waiting.id()).update();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sent(waiting.id()) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(sent(waiting.id())).isEqualTo(1);
        assertThat(sent(givenUp.id())).as("three failed runs: left to run now").isZero();
    }

    private void failedRun(long scheduleId, java.time.LocalDate periodStart, Duration ago) {
        jdbc.sql("""
                        insert into report_delivery (schedule_id, trigger, period_start, period_end, started_at, outcome, error,
                                                     requested_by)
                        values (?, 'schedule', ?, ?, now() - ?::interval, 'failed', 'mail server down', 'system')""")
                .params(scheduleId, periodStart, periodStart.plusDays(6), ago.toSeconds() + " seconds").update();
    }

    private long sent(long scheduleId) {
        return jdbc.sql("select count(*) from report_delivery where schedule_id = ? and outcome = 'sent'").param(scheduleId)
                .query(Long.class).single();
    }

    @Test
    void runs_that_race_for_one_period_deliver_it_once() throws Exception {
        var world = new ScheduleWorld(jdbc);
        var schedule = weeklyUsageOfA(world);
        jdbc.sql("update report_schedule set due_from = now() - interval '8 days' where id = ?").param(schedule.id()).update();

        int runners = 4;
        var barrier = new CyclicBarrier(runners);
        try (var pool = Executors.newFixedThreadPool(runners)) {
            var runs = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < runners; i++) {
                runs.add(pool.submit(() -> {
                    barrier.await();
                    return delivery.deliverDue();
                }));
            }
            for (var run : runs) {
                run.get();
            }
        }

        assertThat(jdbc.sql("select count(*) from report_delivery where schedule_id = ? and outcome = 'sent'")
                .param(schedule.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from report_delivery where schedule_id = ? and outcome = 'failed'")
                .param(schedule.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from mail_outbox o join notification n on n.id = o.notification_id
                        where n.source_kind = ? and n.operator_id = ?""")
                .params(ScheduledReportDelivery.SOURCE_KIND, world.a.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void a_contact_of_another_operator_is_refused_as_recipient_by_the_service_and_by_the_database() {
        var world = new ScheduleWorld(jdbc);
        try (var admin = SignedIn.admin()) {
            var refused = service.create(new ScheduleDraft(world.a, ReportKind.USAGE, notYetDue(), true,
                    Set.of(world.firstOfA, world.contactOfB)));
            assertThat(refused).isInstanceOf(ScheduleChange.Refused.class);
            assertThat(((ScheduleChange.Refused) refused).message()).contains("Recipients must be contacts of " + world.a.code());

            var empty = service.create(new ScheduleDraft(world.a, ReportKind.MISSING_IDS, notYetDue(), true, Set.of()));
            assertThat(((ScheduleChange.Refused) empty).message()).startsWith("Choose at least one recipient");
        }
        assertThat(jdbc.sql("select count(*) from report_schedule where operator_id = ?").param(world.a.id())
                .query(Long.class).single()).isZero();

        var schedule = weeklyUsageOfA(world);
        // Whatever the code does, the database keeps B's contact off A's schedule.
        assertThatThrownBy(() -> jdbc.sql("insert into report_schedule_recipient (schedule_id, operator_id, contact_id) values (?, ?, ?)")
                .params(schedule.id(), world.a.id(), world.contactOfB).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("insert into report_schedule_recipient (schedule_id, operator_id, contact_id) values (?, ?, ?)")
                .params(schedule.id(), world.b.id(), world.contactOfB).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void a_missing_id_report_lists_the_operators_rejected_devices_of_the_period_only() throws Exception {
        var world = new ScheduleWorld(jdbc);
        ReportSchedule schedule;
        try (var pki = SignedIn.pkiOps()) {
            schedule = ((ScheduleChange.Saved) service.create(new ScheduleDraft(world.a, ReportKind.MISSING_IDS,
                    Timing.monthly(1, LocalTime.of(6, 0), ZoneId.of("Europe/Berlin")), true, Set.of(world.firstOfA)))).schedule();
            assertThat(delivery.runNow(schedule.id())).isInstanceOf(RunResult.Sent.class);
        }
        var period = schedule.timing().periodBefore(Instant.now());
        var mail = awaitMails("Monthly missing-ID report: " + world.a.code(), 1).getFirst();
        try (var workbook = new XSSFWorkbook(attachment(mail).getInputStream())) {
            var sheet = workbook.getSheet("Missing IDs");
            var operators = new java.util.HashSet<String>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                operators.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            // One rejected device per day of the world: the days of the previous month that are among the last 40.
            long days = java.time.temporal.ChronoUnit.DAYS.between(
                    max(period.from(), java.time.LocalDate.now(ZoneOffset.UTC).minusDays(40)), period.to()) + 1;
            assertThat(sheet.getLastRowNum()).isEqualTo((int) days);
            assertThat(operators).containsExactly(world.a.code());
        }
    }

    private static java.time.LocalDate max(java.time.LocalDate x, java.time.LocalDate y) {
        return x.isAfter(y) ? x : y;
    }

    private static String line(UsageRow r) {
        return r.period() + " " + r.credentialType() + " " + r.delivered() + " " + r.rejected() + " " + r.total();
    }

    private static Part attachment(MimeMessage mail) throws Exception {
        var multipart = (Multipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return part;
            }
        }
        throw new AssertionError("no attachment");
    }

    private static List<MimeMessage> awaitMails(String subjectPart, int count) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            var found = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> TestSmtp.subject(m).contains(subjectPart)).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("fewer than " + count + " mails about " + subjectPart);
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
