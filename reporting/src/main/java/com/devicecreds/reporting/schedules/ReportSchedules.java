package com.devicecreds.reporting.schedules;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.reporting.contacts.OperatorContact;
import com.devicecreds.reporting.export.ExportFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The schedule and delivery tables of migration V34, without access rules: {@link ReportScheduleService}
 * applies the caller's scope, and the delivery job works for every operator. See decision 017.
 */
@Component
public class ReportSchedules {

    private static final String SELECT = """
            select s.*, o.code as operator_code
            from report_schedule s
            join operator o on o.id = s.operator_id
            """;

    private final JdbcClient jdbc;

    ReportSchedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReportSchedule> find(long id) {
        return withRecipients(jdbc.sql(SELECT + " where s.id = ?").param(id).query(ReportSchedules::schedule).list()).stream().findFirst();
    }

    /** The operator's schedules, oldest first. */
    public List<ReportSchedule> ofOperator(short operatorId) {
        return withRecipients(jdbc.sql(SELECT + " where s.operator_id = ? order by s.id").param(operatorId)
                .query(ReportSchedules::schedule).list());
    }

    /** Every enabled schedule of every operator, for the delivery job. */
    public List<ReportSchedule> enabled() {
        return withRecipients(jdbc.sql(SELECT + " where s.enabled order by s.id").query(ReportSchedules::schedule).list());
    }

    long insert(ScheduleDraft draft, String by) {
        var t = draft.timing();
        long id = jdbc.sql("""
                        insert into report_schedule (operator_id, report, cadence, weekday, day_of_month, run_time, time_zone,
                                                     enabled, created_by, format)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(draft.operator().id(), draft.report().code(), t.cadence().code(),
                        t.weekday().map(DayOfWeek::getValue).orElse(null), t.dayOfMonth().orElse(null), t.time(),
                        t.zone().getId(), draft.enabled(), by, draft.format().extension())
                .query(Long.class).single();
        replaceRecipients(id, draft);
        return id;
    }

    /** Replaces the schedule's settings; {@code restartDue} moves due_from to now (new timing, re-enabled). */
    void update(long id, ScheduleDraft draft, String by, boolean restartDue) {
        var t = draft.timing();
        jdbc.sql("""
                        update report_schedule set report = ?, cadence = ?, weekday = ?, day_of_month = ?, run_time = ?,
                               time_zone = ?, enabled = ?, format = ?, changed_by = ?, changed_at = now(),
                               due_from = case when ? then now() else due_from end
                        where id = ?""")
                .params(draft.report().code(), t.cadence().code(), t.weekday().map(DayOfWeek::getValue).orElse(null),
                        t.dayOfMonth().orElse(null), t.time(), t.zone().getId(), draft.enabled(), draft.format().extension(),
                        by, restartDue, id)
                .update();
        replaceRecipients(id, draft);
    }

    void delete(long id) {
        jdbc.sql("delete from report_schedule where id = ?").param(id).update();
    }

    /** Locks the schedule row for the rest of the transaction, so concurrent edits apply one after the other. */
    void lock(long id) {
        jdbc.sql("select id from report_schedule where id = ? for update").param(id).query(Long.class).optional();
    }

    private void replaceRecipients(long id, ScheduleDraft draft) {
        jdbc.sql("delete from report_schedule_recipient where schedule_id = ?").param(id).update();
        for (long contact : draft.recipients()) {
            jdbc.sql("insert into report_schedule_recipient (schedule_id, operator_id, contact_id) values (?, ?, ?)")
                    .params(id, draft.operator().id(), contact).update();
        }
    }

    /** A page of the schedule's runs, newest first. */
    public List<Delivery> deliveries(long scheduleId, int offset, int limit) {
        return jdbc.sql("select * from report_delivery where schedule_id = ? order by started_at desc, id desc offset ? limit ?")
                .params(scheduleId, offset, limit).query(ReportSchedules::delivery).list();
    }

    /**
     * Claims the scheduled run of a period inside the caller's transaction: a row that counts as sent
     * once the transaction commits. Empty when the period was already delivered, or when another
     * transaction holds the claim and then commits (the unique index makes this one wait for it).
     */
    public Optional<Long> claimScheduled(long scheduleId, ReportPeriod period, Instant startedAt) {
        return jdbc.sql("""
                        insert into report_delivery (schedule_id, trigger, period_start, period_end, started_at, outcome,
                                                     requested_by)
                        values (?, 'schedule', ?, ?, ?, 'sent', 'system')
                        on conflict (schedule_id, period_start) where trigger = 'schedule' and outcome = 'sent' do nothing
                        returning id""")
                .params(scheduleId, period.from(), period.to(), Timestamp.from(startedAt))
                .query(Long.class).optional();
    }

    /** Starts a run-now delivery inside the caller's transaction. */
    public long startRunNow(long scheduleId, ReportPeriod period, Instant startedAt, String by) {
        return jdbc.sql("""
                        insert into report_delivery (schedule_id, trigger, period_start, period_end, started_at, outcome,
                                                     requested_by)
                        values (?, 'run-now', ?, ?, ?, 'sent', ?) returning id""")
                .params(scheduleId, period.from(), period.to(), Timestamp.from(startedAt), by)
                .query(Long.class).single();
    }

    public void completed(long deliveryId, long rows, List<String> recipients, long notificationId) {
        jdbc.sql("""
                        update report_delivery set row_count = ?, recipients = string_to_array(?, ','), notification_id = ?,
                               finished_at = clock_timestamp()
                        where id = ?""")
                .params(rows, String.join(",", recipients), notificationId, deliveryId).update();
    }

    /** Records a failed run in a transaction of the caller's choosing (the run's own was rolled back). */
    public void failed(long scheduleId, String trigger, ReportPeriod period, Instant startedAt, String error, String by) {
        jdbc.sql("""
                        insert into report_delivery (schedule_id, trigger, period_start, period_end, started_at, outcome,
                                                     error, requested_by)
                        values (?, ?, ?, ?, ?, 'failed', ?, ?)""")
                .params(scheduleId, trigger, period.from(), period.to(), Timestamp.from(startedAt),
                        error.length() > 1000 ? error.substring(0, 1000) : error, by)
                .update();
    }

    /** Failed scheduled runs of the period, so the job gives up after a few instead of failing every minute. */
    public Failures failures(long scheduleId, ReportPeriod period) {
        return jdbc.sql("""
                        select count(*), max(started_at) from report_delivery
                        where schedule_id = ? and period_start = ? and trigger = 'schedule' and outcome = 'failed'""")
                .params(scheduleId, period.from())
                .query((rs, n) -> new Failures(rs.getInt(1),
                        java.util.Optional.ofNullable(rs.getTimestamp(2)).map(java.sql.Timestamp::toInstant)))
                .single();
    }

    /** The failed scheduled runs of one period: how many, and when the last one started. */
    public record Failures(int count, java.util.Optional<Instant> last) {
    }

    private List<ReportSchedule> withRecipients(List<ReportSchedule> schedules) {
        if (schedules.isEmpty()) {
            return schedules;
        }
        Long[] ids = schedules.stream().map(ReportSchedule::id).toArray(Long[]::new);
        Map<Long, List<OperatorContact>> recipients = new HashMap<>();
        jdbc.sql("""
                        select r.schedule_id, c.* from report_schedule_recipient r join operator_contact c on c.id = r.contact_id
                        where r.schedule_id = any(?) order by lower(c.name), c.email""")
                .param(ids)
                .query((ResultSet rs) -> {
                    recipients.computeIfAbsent(rs.getLong("schedule_id"), k -> new ArrayList<>()).add(contact(rs));
                });
        Map<Long, Delivery> last = new HashMap<>();
        jdbc.sql("""
                        select distinct on (schedule_id) * from report_delivery where schedule_id = any(?)
                        order by schedule_id, started_at desc, id desc""")
                .param(ids)
                .query(ReportSchedules::delivery).list().forEach(d -> last.put(d.scheduleId(), d));
        return schedules.stream().map(s -> new ReportSchedule(s.id(), s.operator(), s.report(), s.format(), s.timing(), s.enabled(),
                recipients.getOrDefault(s.id(), List.of()), s.dueFrom(), s.createdBy(), s.createdAt(), s.changedBy(),
                s.changedAt(), Optional.ofNullable(last.get(s.id())))).toList();
    }

    private static ReportSchedule schedule(ResultSet rs, int row) throws SQLException {
        var cadence = Cadence.of(rs.getString("cadence"));
        var time = rs.getTime("run_time").toLocalTime();
        var zone = ZoneId.of(rs.getString("time_zone"));
        var timing = cadence == Cadence.WEEKLY ? Timing.weekly(DayOfWeek.of(rs.getInt("weekday")), time, zone)
                : Timing.monthly(rs.getInt("day_of_month"), time, zone);
        return new ReportSchedule(rs.getLong("id"), new OperatorRef(rs.getShort("operator_id"), rs.getString("operator_code")),
                ReportKind.of(rs.getString("report")), ExportFormat.valueOf(rs.getString("format").toUpperCase(java.util.Locale.ROOT)),
                timing, rs.getBoolean("enabled"), List.of(),
                rs.getTimestamp("due_from").toInstant(), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(rs.getString("changed_by")),
                Optional.ofNullable(rs.getTimestamp("changed_at")).map(Timestamp::toInstant), Optional.empty());
    }

    private static OperatorContact contact(ResultSet rs) throws SQLException {
        return new OperatorContact(rs.getLong("id"), rs.getShort("operator_id"), rs.getString("name"), rs.getString("email"),
                rs.getBoolean("go_ahead"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        long rows = rs.getLong("row_count");
        Optional<Long> rowCount = rs.wasNull() ? Optional.empty() : Optional.of(rows);
        Array recipients = rs.getArray("recipients");
        return new Delivery(rs.getLong("id"), rs.getLong("schedule_id"), rs.getString("trigger"),
                new ReportPeriod(rs.getObject("period_start", java.time.LocalDate.class),
                        rs.getObject("period_end", java.time.LocalDate.class)),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(),
                "sent".equals(rs.getString("outcome")), rowCount, Arrays.asList((String[]) recipients.getArray()),
                Optional.ofNullable(rs.getString("error")), rs.getString("requested_by"));
    }
}
