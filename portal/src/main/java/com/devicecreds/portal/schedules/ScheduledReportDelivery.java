package com.devicecreds.portal.schedules;

import java.io.ByteArrayOutputStream;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.notification.NotificationRequest;
import com.devicecreds.portal.notification.NotificationService;
import com.devicecreds.reporting.contacts.OperatorContact;
import com.devicecreds.reporting.schedules.ReportPeriod;
import com.devicecreds.reporting.schedules.ReportSchedule;
import com.devicecreds.reporting.schedules.ReportSchedules;
import com.devicecreds.reporting.schedules.ScheduledReportWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs scheduled reports: builds the spreadsheet for the schedule's operator and period and
 * publishes it as one notification (bell for the operator's staff, e-mail with the attachment to
 * the chosen contacts) through the outbox, in one transaction with the delivery row. A scheduled
 * run claims its period with a unique index, so two nodes never both deliver it; a missed run is
 * delivered once, for the latest period, when the job runs again. See decision 017.
 */
@Service
public class ScheduledReportDelivery {

    static final String SOURCE_KIND = "scheduled-report";
    private static final Logger log = LoggerFactory.getLogger(ScheduledReportDelivery.class);

    private final ReportSchedules schedules;
    private final ScheduledReportWorkbook workbook;
    private final NotificationService notifications;
    private final TransactionTemplate transaction;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;
    private final Clock clock;
    private final PortalProperties.ScheduledReports settings;

    ScheduledReportDelivery(ReportSchedules schedules, ScheduledReportWorkbook workbook, NotificationService notifications,
            PlatformTransactionManager transactions, CurrentActor currentActor, AuditLog auditLog, Clock clock,
            PortalProperties properties) {
        this.schedules = schedules;
        this.workbook = workbook;
        this.notifications = notifications;
        this.transaction = new TransactionTemplate(transactions);
        this.currentActor = currentActor;
        this.auditLog = auditLog;
        this.clock = clock;
        this.settings = properties.scheduledReports();
    }

    /** Delivers the latest due period of every enabled schedule not delivered yet; returns how many were sent. */
    int deliverDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (ReportSchedule schedule : schedules.enabled()) {
            Instant run = schedule.timing().latestRunAtOrBefore(now);
            if (run.isBefore(schedule.dueFrom())) {
                continue;
            }
            ReportPeriod period = schedule.timing().periodBefore(run);
            var failures = schedules.failures(schedule.id(), period);
            if (failures.count() >= settings.maxAttempts() || failures.last().map(last -> now.isBefore(
                    last.plus(retryAfter(failures.count())))).orElse(false)) {
                continue;
            }
            if (deliver(schedule.id(), period, false, Actor.SYSTEM) instanceof RunResult.Sent) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * How long after the {@code failed}-th failed run of a period the next one may start: the base, doubled
     * with each further failure, at most the cap, so a mail server that is down is not hammered every minute.
     */
    Duration retryAfter(int failed) {
        Duration wait = settings.retryBase().multipliedBy(1L << Math.min(Math.max(failed - 1, 0), 20));
        return wait.compareTo(settings.retryCap()) > 0 ? settings.retryCap() : wait;
    }

    /** Delivers the schedule's report of the last complete period now, whether or not it was delivered before. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    public RunResult runNow(long scheduleId) {
        var actor = currentActor.actor();
        var schedule = schedules.find(scheduleId);
        if (schedule.isEmpty()) {
            // No such schedule, or another operator's that the database does not show this caller.
            auditLog.record(AuditRecord.of(actor, AuditAction.REPORT_DELIVERED, AuditOutcome.DENIED, "schedule/" + scheduleId)
                    .withDetail("trigger", "run-now"));
            return new RunResult.Refused("There is no schedule " + scheduleId + " for you to run.");
        }
        if (!currentActor.scope().permits(schedule.get().operator().id())) {
            auditLog.record(record(actor, schedule.get(), AuditOutcome.DENIED, "run-now"));
            return new RunResult.Refused("You can only run the scheduled reports of your own operator.");
        }
        return deliver(scheduleId, schedule.get().timing().periodBefore(clock.instant()), true, actor);
    }

    private RunResult deliver(long scheduleId, ReportPeriod period, boolean runNow, Actor actor) {
        Instant started = clock.instant();
        String trigger = runNow ? "run-now" : "schedule";
        ReportSchedule[] ran = new ReportSchedule[1];
        try {
            RunResult result = transaction.execute(status -> {
                var schedule = schedules.find(scheduleId).filter(s -> runNow || s.enabled());
                if (schedule.isEmpty()) {
                    return new RunResult.Skipped();
                }
                ran[0] = schedule.get();
                Optional<Long> delivery = runNow
                        ? Optional.of(schedules.startRunNow(scheduleId, period, started, actor.username()))
                        : schedules.claimScheduled(scheduleId, period, started);
                if (delivery.isEmpty()) {
                    return new RunResult.Skipped();
                }
                return send(schedule.get(), period, delivery.get());
            });
            if (result instanceof RunResult.Sent sent) {
                auditLog.record(record(actor, ran[0], AuditOutcome.SUCCESS, trigger).withDetail("period", period.label())
                        .withDetail("rows", sent.rows()).withDetail("recipients", sent.recipients()));
            }
            return result;
        } catch (RuntimeException e) {
            String problem = String.valueOf(e.getMessage());
            log.warn("Scheduled report {} for {} failed", scheduleId, period, e);
            try {
                transaction.executeWithoutResult(status -> schedules.failed(scheduleId, trigger, period, started, problem,
                        actor.username()));
            } catch (RuntimeException recording) {
                log.warn("Could not record the failed run of scheduled report {}", scheduleId, recording);
            }
            if (ran[0] != null) {
                auditLog.record(record(actor, ran[0], AuditOutcome.FAILED, trigger).withDetail("period", period.label())
                        .withDetail("problem", problem));
            }
            return new RunResult.Failed(problem);
        }
    }

    private RunResult.Sent send(ReportSchedule schedule, ReportPeriod period, long deliveryId) {
        List<String> recipients = schedule.recipients().stream().map(OperatorContact::email).toList();
        if (recipients.isEmpty()) {
            throw new IllegalStateException("The schedule has no recipients: its contacts were removed.");
        }
        var file = new ByteArrayOutputStream();
        long rows = workbook.write(schedule, period, file);
        String name = ScheduledReportWorkbook.fileName(schedule, period);
        String rowText = NumberFormat.getIntegerInstance(Locale.US).format(rows) + (rows == 1 ? " row" : " rows");
        String title = schedule.title() + " sent to " + recipients.size() + (recipients.size() == 1 ? " contact" : " contacts");
        String body = "%s of %s for %s (%s) was sent to %s.".formatted(schedule.title(), schedule.operator().code(),
                period.label(), rowText, String.join(", ", recipients));
        String subject = "%s: %s, %s".formatted(schedule.title(), schedule.operator().code(), period.label());
        String mailBody = """
                Attached is the %s of %s for %s (%s; days in UTC).

                Schedule: %s. To change what you receive, ask your operator's staff, who manage the
                schedule in the credentials portal.""".formatted(schedule.titleInSentence(), schedule.operator().code(),
                period.label(), rowText, schedule.timing().describe());
        long notification = notifications.publish(new NotificationRequest(title, body, Optional.of("reports/schedules"),
                Set.of(Roles.OPERATOR_STAFF), Optional.of(schedule.operator()), SOURCE_KIND, String.valueOf(deliveryId),
                recipients, Optional.of(new NotificationRequest.Mail(subject, mailBody, List.of(new NotificationRequest.Attachment(
                        name, schedule.format().contentType(), file.toByteArray()))))))
                .orElseThrow(() -> new IllegalStateException("Delivery " + deliveryId + " was already notified"));
        schedules.completed(deliveryId, rows, recipients, notification);
        return new RunResult.Sent(period, rows, recipients.size());
    }

    private static AuditRecord record(Actor actor, ReportSchedule schedule, AuditOutcome outcome, String trigger) {
        return AuditRecord.of(actor, AuditAction.REPORT_DELIVERED, outcome,
                "operator/" + schedule.operator().code() + "/schedule/" + schedule.id())
                .withDetail("report", schedule.title()).withDetail("trigger", trigger);
    }
}
