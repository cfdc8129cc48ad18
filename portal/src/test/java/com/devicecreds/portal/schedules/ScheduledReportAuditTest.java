package com.devicecreds.portal.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.reporting.contacts.ContactChange;
import com.devicecreds.reporting.contacts.OperatorContactService;
import com.devicecreds.reporting.schedules.ReportKind;
import com.devicecreds.reporting.schedules.ReportSchedule;
import com.devicecreds.reporting.schedules.ReportScheduleService;
import com.devicecreds.reporting.schedules.ScheduleChange;
import com.devicecreds.reporting.schedules.ScheduleDraft;
import com.devicecreds.reporting.schedules.Timing;
import com.devicecreds.testsupport.RecordsAudit;
import com.devicecreds.testsupport.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each contact change, schedule change and delivery is audited exactly once, with its actor and outcome. */
@PortalTest
class ScheduledReportAuditTest {

    private static final Timing MONDAYS = Timing.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), ZoneId.of("Europe/Berlin"));

    @Autowired
    OperatorContactService contacts;
    @Autowired
    ReportScheduleService schedules;
    @Autowired
    ScheduledReportDelivery delivery;
    @Autowired
    JdbcClient jdbc;

    @Test
    @RecordsAudit(AuditAction.OPERATOR_CONTACT_ADDED)
    void adding_a_contact_is_audited_once_and_a_bad_address_is_refused_with_a_message_and_nothing_stored() {
        var world = new ScheduleWorld(jdbc);
        try (var staffOfA = SignedIn.operatorStaff(world.a.code())) {
            var bad = contacts.add(world.a, "Olga", "olga at example");
            assertThat(((ContactChange.Refused) bad).message()).contains("'olga at example' is not an e-mail address");
            var added = contacts.add(world.a, " Olga Ops ", " olga@EXAMPLE.com ");
            assertThat(((ContactChange.Added) added).contact().email()).isEqualTo("olga@example.com");
            var again = contacts.add(world.a, "Olga", "olga@example.com");
            assertThat(((ContactChange.Refused) again).message()).contains("already a contact");
        }
        try (var staffOfB = SignedIn.operatorStaff(world.b.code())) {
            assertThat(contacts.add(world.a, "Mallory", "mallory@b.example")).isInstanceOf(ContactChange.Refused.class);
        }
        assertThat(audit("OPERATOR_CONTACT_ADDED", world.a.code())).containsExactly(
                "op." + world.a.code() + " success operator/" + world.a.code() + "/contact/olga@example.com",
                "op." + world.b.code() + " denied operator/" + world.a.code() + "/contact/mallory@b.example");
    }

    @Test
    @RecordsAudit(AuditAction.OPERATOR_CONTACT_REMOVED)
    void removing_a_contact_is_audited_once_and_takes_it_off_the_operators_schedules() {
        var world = new ScheduleWorld(jdbc);
        var schedule = create(world, Set.of(world.firstOfA, world.secondOfA));
        try (var staffOfB = SignedIn.operatorStaff(world.b.code())) {
            assertThat(contacts.remove(world.firstOfA)).isFalse();
        }
        try (var pm = SignedIn.as("pm.clara", java.util.Optional.empty(), com.devicecreds.access.Roles.PROJECT_MANAGER)) {
            assertThat(contacts.remove(world.firstOfA)).isTrue();
            assertThat(schedules.schedule(schedule.id()).orElseThrow().recipients()).extracting(c -> c.id())
                    .containsExactly(world.secondOfA);
        }
        String target = "operator/" + world.a.code() + "/contact/" + "anna-" + world.run + "@a.example";
        assertThat(audit("OPERATOR_CONTACT_REMOVED", world.a.code())).containsExactly("pm.clara success " + target);
        // The database does not show operator B's staff A's contact: refused without naming the operator.
        assertThat(auditOf("OPERATOR_CONTACT_REMOVED", "contact/" + world.firstOfA))
                .containsExactly("op." + world.b.code() + " denied contact/" + world.firstOfA);
    }

    @Test
    @RecordsAudit(AuditAction.OPERATOR_CONTACT_CHANGED)
    void switching_a_contacts_go_ahead_is_audited_once_per_change_and_decides_who_gets_the_go_ahead() {
        var world = new ScheduleWorld(jdbc);
        try (var staffOfB = SignedIn.operatorStaff(world.b.code())) {
            assertThat(contacts.receiveGoAhead(world.firstOfA, false)).isFalse();
        }
        try (var staffOfA = SignedIn.operatorStaff(world.a.code())) {
            assertThat(contacts.receiveGoAhead(world.firstOfA, false)).isTrue();
            assertThat(contacts.receiveGoAhead(world.firstOfA, false)).isTrue(); // no change, nothing recorded
            assertThat(contacts.contacts(world.a)).filteredOn(c -> c.id() == world.firstOfA).singleElement()
                    .satisfies(c -> assertThat(c.goAhead()).isFalse());
        }
        String target = "operator/" + world.a.code() + "/contact/" + "anna-" + world.run + "@a.example";
        assertThat(audit("OPERATOR_CONTACT_CHANGED", world.a.code())).containsExactly("op." + world.a.code() + " success " + target);
        assertThat(auditOf("OPERATOR_CONTACT_CHANGED", "contact/" + world.firstOfA))
                .containsExactly("op." + world.b.code() + " denied contact/" + world.firstOfA);
        assertThat(jdbc.sql("select go_ahead from operator_contact where id = ?").param(world.firstOfA).query(Boolean.class)
                .single()).isFalse();
    }

    @Test
    @RecordsAudit(AuditAction.REPORT_SCHEDULE_CHANGED)
    void creating_changing_disabling_and_deleting_a_schedule_are_audited_once_each_with_old_and_new_values() {
        var world = new ScheduleWorld(jdbc);
        var schedule = create(world, Set.of(world.firstOfA));
        try (var staffOfA = SignedIn.operatorStaff(world.a.code())) {
            var monthly = new ScheduleDraft(world.a, ReportKind.USAGE, Timing.monthly(1, LocalTime.of(7, 0), ZoneId.of("UTC")),
                    true, Set.of(world.firstOfA, world.secondOfA));
            assertThat(schedules.update(schedule.id(), monthly)).isInstanceOf(ScheduleChange.Saved.class);
            assertThat(schedules.setEnabled(schedule.id(), false)).isInstanceOf(ScheduleChange.Saved.class);
        }
        try (var staffOfB = SignedIn.operatorStaff(world.b.code())) {
            assertThat(schedules.delete(schedule.id())).isFalse();
        }
        try (var staffOfA = SignedIn.operatorStaff(world.a.code())) {
            assertThat(schedules.delete(schedule.id())).isTrue();
        }
        String staffA = "op." + world.a.code();
        String target = "operator/" + world.a.code() + "/schedule/" + schedule.id();
        assertThat(audit("REPORT_SCHEDULE_CHANGED", world.a.code())).containsExactly(
                "admin.erik success " + target, staffA + " success " + target, staffA + " success " + target,
                staffA + " success " + target);
        assertThat(auditOf("REPORT_SCHEDULE_CHANGED", "schedule/" + schedule.id()))
                .containsExactly("op." + world.b.code() + " denied schedule/" + schedule.id());
        var details = jdbc.sql("select details from audit_event where action = 'REPORT_SCHEDULE_CHANGED' and target = ? order by seq")
                .param(target).query(String.class).list();
        assertThat(details.get(0)).contains("\"change\":\"created\"").contains("Weekly usage report, Mondays at 06:00 (Europe/Berlin)");
        assertThat(details.get(1)).contains("\"change\":\"changed\"").contains("\"old\":\"Weekly usage report, Mondays")
                .contains("\"new\":\"Monthly usage report, Day 1 of every month at 07:00 (UTC), enabled");
        assertThat(details.get(2)).contains("\"change\":\"disabled\"");
        assertThat(details.get(3)).contains("\"change\":\"deleted\"");
    }

    @Test
    @RecordsAudit(AuditAction.REPORT_DELIVERED)
    void each_delivery_is_audited_once_as_sent_denied_or_failed() {
        var world = new ScheduleWorld(jdbc);
        var schedule = create(world, Set.of(world.firstOfA));
        try (var staffOfA = SignedIn.operatorStaff(world.a.code())) {
            assertThat(delivery.runNow(schedule.id())).isInstanceOf(RunResult.Sent.class);
        }
        try (var staffOfB = SignedIn.operatorStaff(world.b.code())) {
            assertThat(delivery.runNow(schedule.id())).isInstanceOf(RunResult.Refused.class);
        }
        // Its only recipient is removed: the next run fails, and says why.
        jdbc.sql("delete from operator_contact where id = ?").param(world.firstOfA).update();
        try (var pki = SignedIn.pkiOps()) {
            var failed = (RunResult.Failed) delivery.runNow(schedule.id());
            assertThat(failed.message()).contains("no recipients");
        }
        String target = "operator/" + world.a.code() + "/schedule/" + schedule.id();
        assertThat(audit("REPORT_DELIVERED", world.a.code())).containsExactly("op." + world.a.code() + " success " + target,
                "pki.anna failed " + target);
        assertThat(auditOf("REPORT_DELIVERED", "schedule/" + schedule.id()))
                .containsExactly("op." + world.b.code() + " denied schedule/" + schedule.id());
        assertThat(jdbc.sql("select outcome || ' ' || coalesce(error, '') from report_delivery where schedule_id = ? order by id")
                .param(schedule.id()).query(String.class).list())
                .containsExactly("sent ", "failed The schedule has no recipients: its contacts were removed.");
    }

    private ReportSchedule create(ScheduleWorld world, Set<Long> recipients) {
        try (var admin = SignedIn.admin()) {
            return ((ScheduleChange.Saved) schedules.create(new ScheduleDraft(world.a, ReportKind.USAGE, MONDAYS, true, recipients)))
                    .schedule();
        }
    }

    private List<String> auditOf(String action, String target) {
        return jdbc.sql("select actor || ' ' || outcome || ' ' || target from audit_event where action = ? and target = ? order by seq")
                .params(action, target).query(String.class).list();
    }

    private List<String> audit(String action, String operatorCode) {
        return jdbc.sql("select actor || ' ' || outcome || ' ' || target from audit_event where action = ? and target like ? order by seq")
                .params(action, "operator/" + operatorCode + "/%").query(String.class).list();
    }
}
