package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Set;

import javax.sql.DataSource;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import com.devicecreds.portal.schedules.RunResult;
import com.devicecreds.portal.schedules.ScheduledReportDelivery;
import com.devicecreds.reporting.contacts.ContactChange;
import com.devicecreds.reporting.contacts.OperatorContact;
import com.devicecreds.reporting.contacts.OperatorContactService;
import com.devicecreds.reporting.schedules.ReportKind;
import com.devicecreds.reporting.schedules.ReportSchedule;
import com.devicecreds.reporting.schedules.ReportScheduleService;
import com.devicecreds.reporting.schedules.ScheduleChange;
import com.devicecreds.reporting.schedules.ScheduleDraft;
import com.devicecreds.reporting.schedules.Timing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Operator contacts and scheduled reports between two tenants: operator staff of A list, manage and
 * run only A's; project managers see both. Each public method of the three services is tried here
 * ({@link #COVERED}, checked by TenantIsolationTest).
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledReportTenancyTest {

    static final Set<String> COVERED = Set.of(
            "OperatorContactService.contacts(OperatorRef)",
            "OperatorContactService.add(OperatorRef, String, String)",
            "OperatorContactService.remove(long)",
            "OperatorContactService.receiveGoAhead(long, boolean)",
            "ReportScheduleService.schedules(OperatorRef)",
            "ReportScheduleService.schedule(long)",
            "ReportScheduleService.deliveries(long, int, int)",
            "ReportScheduleService.create(ScheduleDraft)",
            "ReportScheduleService.update(long, ScheduleDraft)",
            "ReportScheduleService.setEnabled(long, boolean)",
            "ReportScheduleService.delete(long)",
            "ScheduledReportDelivery.runNow(long)");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;

    private OperatorRef a;
    private OperatorRef b;

    @BeforeAll
    void twoTenants() {
        var fixture = new TenantFixture(jdbc, JdbcClient.create(schemaOwner));
        a = fixture.operator("sched-a");
        b = fixture.operator("sched-b");
    }

    @Autowired
    OperatorContactService contacts;
    @Autowired
    ReportScheduleService reportSchedules;
    @Autowired
    ScheduledReportDelivery reportDelivery;

    @Test
    void operator_staff_manage_and_run_only_their_own_operators_contacts_and_scheduled_reports() {
        long contactOfA = contact(a, "a-desk@a.example");
        long contactOfB = contact(b, "b-desk@b.example");
        var mondays = Timing.weekly(java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(6, 0), ZoneOffset.UTC);
        ReportSchedule ofA;
        ReportSchedule ofB;
        try (var admin = SignedIn.as(SignedIn.withRole(Roles.ADMIN))) {
            ofA = ((ScheduleChange.Saved) reportSchedules.create(new ScheduleDraft(a, ReportKind.USAGE, mondays, true,
                    Set.of(contactOfA)))).schedule();
            ofB = ((ScheduleChange.Saved) reportSchedules.create(new ScheduleDraft(b, ReportKind.USAGE, mondays, true,
                    Set.of(contactOfB)))).schedule();
        }
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            assertThat(contacts.contacts(a)).extracting(OperatorContact::id).containsExactly(contactOfA);
            assertThat(contacts.contacts(b)).isEmpty();
            assertThat(contacts.add(b, "Mallory", "mallory@a.example")).isInstanceOf(ContactChange.Refused.class);
            assertThat(contacts.add(a, "Second desk", "a-second@a.example")).isInstanceOf(ContactChange.Added.class);
            assertThat(contacts.remove(contactOfB)).isFalse();
            assertThat(contacts.receiveGoAhead(contactOfB, false)).isFalse();
            assertThat(contacts.receiveGoAhead(contactOfA, true)).isTrue();

            assertThat(reportSchedules.schedules(a)).extracting(ReportSchedule::id).containsExactly(ofA.id());
            assertThat(reportSchedules.schedules(b)).isEmpty();
            assertThat(reportSchedules.schedule(ofB.id())).isEmpty();
            assertThat(reportSchedules.schedule(ofA.id())).isPresent();
            var draftOfB = new ScheduleDraft(b, ReportKind.MISSING_IDS, mondays, true, Set.of(contactOfB));
            assertThat(reportSchedules.create(draftOfB)).isInstanceOf(ScheduleChange.Refused.class);
            assertThat(reportSchedules.update(ofB.id(), draftOfB)).isInstanceOf(ScheduleChange.Refused.class);
            assertThat(reportSchedules.update(ofB.id(), new ScheduleDraft(a, ReportKind.USAGE, mondays, true, Set.of(contactOfA))))
                    .isInstanceOf(ScheduleChange.Refused.class);
            assertThat(reportSchedules.setEnabled(ofB.id(), false)).isInstanceOf(ScheduleChange.Refused.class);
            assertThat(reportSchedules.delete(ofB.id())).isFalse();
            assertThat(reportDelivery.runNow(ofB.id())).isInstanceOf(RunResult.Refused.class);
            assertThat(reportSchedules.deliveries(ofB.id(), 0, 10)).isEmpty();

            assertThat(reportDelivery.runNow(ofA.id())).isInstanceOf(RunResult.Sent.class);
            assertThat(reportSchedules.deliveries(ofA.id(), 0, 10)).hasSize(1);
        }
        assertThat(jdbc.sql("select count(*) from operator_contact where id = ?").param(contactOfB).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select enabled and report = 'usage' from report_schedule where id = ?").param(ofB.id())
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from report_delivery where schedule_id = ?").param(ofB.id()).query(Long.class)
                .single()).isZero();
        try (var pm = SignedIn.as(SignedIn.withRole(Roles.PROJECT_MANAGER))) {
            assertThat(reportSchedules.schedules(b)).extracting(ReportSchedule::id).containsExactly(ofB.id());
            assertThat(contacts.contacts(b)).extracting(OperatorContact::id).containsExactly(contactOfB);
            assertThat(reportSchedules.deliveries(ofA.id(), 0, 10)).hasSize(1);
        }
    }

    private long contact(OperatorRef operator, String email) {
        return jdbc.sql("insert into operator_contact (operator_id, name, email, created_by) values (?, 'Desk', ?, 'test') returning id")
                .params(operator.id(), email).query(Long.class).single();
    }
}
