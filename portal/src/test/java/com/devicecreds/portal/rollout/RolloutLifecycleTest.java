package com.devicecreds.portal.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.inventory.alert.AlertEngine;
import com.devicecreds.inventory.loading.approval.BatchActivation;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.notification.NotificationService;
import com.devicecreds.portal.notification.OutboxMailSender;
import com.devicecreds.portal.notification.TestSmtp;
import com.devicecreds.portal.security.SignedIn;
import com.devicecreds.reporting.rollout.NewRollout;
import com.devicecreds.reporting.rollout.Rollout;
import com.devicecreds.reporting.rollout.RolloutRefusedException;
import com.devicecreds.reporting.rollout.RolloutService;
import com.devicecreds.reporting.rollout.RolloutStage;
import com.devicecreds.testsupport.RecordsAudit;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A rollout from planning to complete on the real database, with the go-ahead through the outbox to
 * a real SMTP server: the stage follows batches, approvals, activation, acknowledgement and
 * deliveries; the planner never approves; the go-ahead goes once, to the project manager and the
 * operator's contacts only. The scheduler is off; the test runs the jobs' parts.
 */
@PortalTest(properties = {"spring.quartz.auto-startup=false", "portal.notifications.public-url=https://portal.example.test/"})
class RolloutLifecycleTest {

    private static final int SMTP_PORT = TestSmtp.freePort();
    private static final GreenMail SMTP = TestSmtp.start(SMTP_PORT);

    @Autowired
    RolloutService rollouts;
    @Autowired
    GoAheadNotifications goAhead;
    @Autowired
    BatchActivation activation;
    @Autowired
    OutboxMailSender sender;
    @Autowired
    AlertEngine alertEngine;
    @Autowired
    NotificationService notifications;
    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private OperatorRef operator;
    private OperatorRef other;
    private int type;

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, SMTP_PORT);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @BeforeEach
    void world() {
        operator = operator("ro");
        other = operator("rx");
        type = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', null, 'mac', 'next-available') returning id""")
                .params("rollout-" + run, "Rollout type " + run).query(Integer.class).single();
        for (OperatorRef o : List.of(operator, other)) {
            jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(type, o.id()).update();
        }
        contact(operator, "ops-" + run + "@operator.example", true);
        contact(operator, "billing-" + run + "@operator.example", false);
        contact(other, "other-" + run + "@other.example", true);
    }

    @Test
    @RecordsAudit(AuditAction.ROLLOUT_GO_AHEAD_SENT)
    void the_stage_follows_loading_approval_activation_acknowledgement_and_deliveries() throws Exception {
        Rollout planned = plan("pm.clara");
        assertThat(planned.stage()).isEqualTo(RolloutStage.WAITING_FOR_CREDENTIALS);

        long batch = stagedBatch(40);
        assertThat(stage(planned)).isEqualTo(RolloutStage.LOADED);

        as("pm.felix", Roles.PROJECT_MANAGER, () -> rollouts.approve(planned.id()));
        assertThat(stage(planned)).as("approved, but nothing available yet").isEqualTo(RolloutStage.APPROVED);
        assertThat(goAhead.sendDue()).as("no go-ahead before the credentials are live").isZero();

        alertEngine.evaluateAll();
        assertThat(openAlerts()).as("an empty pool is alerted").isNotEmpty();

        approved(batch);
        assertThat(activation.activate(batch)).isTrue();
        assertThat(stage(planned)).isEqualTo(RolloutStage.LIVE);
        alertEngine.evaluateAll();
        assertThat(openAlerts()).as("the activated batch resolves the pool's alerts").isEmpty();

        assertThat(goAhead.sendDue()).isEqualTo(1);
        assertThat(goAhead.sendDue()).as("once").isZero();
        assertThat(stage(planned)).isEqualTo(RolloutStage.GO_AHEAD_SENT);

        as("op." + operator.code(), Optional.of(operator.code()), Roles.OPERATOR_STAFF, () -> rollouts.acknowledge(planned.id()));
        assertThat(stage(planned)).isEqualTo(RolloutStage.ACKNOWLEDGED);

        delivered(3);
        assertThat(stage(planned)).isEqualTo(RolloutStage.IN_PROGRESS);
        delivered(7);
        var done = as("pm.clara", Roles.PROJECT_MANAGER, () -> rollouts.find(planned.id()).orElseThrow());
        assertThat(done.stage()).isEqualTo(RolloutStage.COMPLETE);
        assertThat(done.facts().delivered()).isEqualTo(10);
        assertThat(done.facts().completedOn()).contains(LocalDate.now(ZoneOffset.UTC));

        assertThat(auditRows("ROLLOUT_GO_AHEAD_SENT", planned.id())).containsExactly("system success");
        assertThat(auditRows("ROLLOUT_ACKNOWLEDGED", planned.id())).containsExactly("op." + operator.code() + " success");
    }

    @Test
    void the_go_ahead_reaches_the_project_manager_and_the_operators_contacts_once_with_a_link() throws Exception {
        Rollout planned = plan("pki.anna");
        liveBatch(25);
        // Approving a rollout whose credentials are live tells it to go ahead at once.
        as("pm.felix", Roles.PROJECT_MANAGER, () -> rollouts.approve(planned.id()));
        // Two nodes sweeping at the same time still send one go-ahead.
        try (var pool = Executors.newFixedThreadPool(2)) {
            Callable<Integer> sweep = goAhead::sendDue;
            pool.invokeAll(List.of(sweep, sweep));
        }
        sender.run();

        var mails = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> TestSmtp.subject(m).contains(planned.name())).toList();
        assertThat(mails).extracting(m -> m.getAllRecipients()[0].toString()).containsExactlyInAnyOrder(
                "pm.clara@demo.invalid", "ops-" + run + "@operator.example");
        MimeMessage mail = mails.getFirst();
        assertThat(TestSmtp.subject(mail)).isEqualTo("Go ahead: " + planned.name());
        assertThat(GreenMailUtil.getBody(mail)).contains("are loaded and live").contains("Available now:   25 credentials")
                .contains("https://portal.example.test/rollouts/" + planned.id());
        assertThat(jdbc.sql("select count(*) from notification where source_kind = ? and source_id = ?")
                .params(GoAheadNotifications.SOURCE_KIND, Long.toString(planned.id())).query(Long.class).single()).isEqualTo(1);

        var seenByOperator = as("op." + operator.code(), Optional.of(operator.code()), Roles.OPERATOR_STAFF,
                () -> notifications.page(0, 50));
        assertThat(seenByOperator).anySatisfy(n -> assertThat(n.link()).contains("rollouts/" + planned.id()));
        var seenByOther = as("op." + other.code(), Optional.of(other.code()), Roles.OPERATOR_STAFF, () -> notifications.page(0, 50));
        assertThat(seenByOther).noneSatisfy(n -> assertThat(n.title()).contains(planned.name()));
    }

    @Test
    @RecordsAudit(AuditAction.ROLLOUT_APPROVED)
    void the_planner_never_approves_and_nobody_approves_twice() throws Exception {
        Rollout planned = plan("pm.clara");
        assertThatThrownBy(() -> as("pm.clara", Roles.PROJECT_MANAGER, () -> rollouts.approve(planned.id())))
                .isInstanceOf(RolloutRefusedException.class).hasMessageContaining("another project manager approves it");
        as("pm.felix", Roles.PROJECT_MANAGER, () -> rollouts.approve(planned.id()));
        assertThatThrownBy(() -> as("pm.felix", Roles.PROJECT_MANAGER, () -> rollouts.approve(planned.id())))
                .isInstanceOf(RolloutRefusedException.class).hasMessageContaining("already approved by pm.felix");
        assertThatThrownBy(() -> jdbc.sql("update rollout set approved_by = created_by, approved_at = now() where id = ?")
                .param(planned.id()).update()).as("the database refuses self-approval too")
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(auditRows("ROLLOUT_APPROVED", planned.id()))
                .containsExactly("pm.clara denied", "pm.felix success", "pm.felix denied");
    }

    @Test
    @RecordsAudit(AuditAction.ROLLOUT_CREATED)
    void a_refused_plan_lists_every_problem_and_stores_nothing() throws Exception {
        var yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        var bad = new NewRollout(operator, type, "  ", 0, yesterday, yesterday.minusDays(3), "not-an-address", List.of());
        assertThatThrownBy(() -> as("pm.clara", Roles.PROJECT_MANAGER, () -> rollouts.create(bad)))
                .isInstanceOf(RolloutRefusedException.class)
                .hasMessageContaining("Name the rollout").hasMessageContaining("between 1 and 100,000,000")
                .hasMessageContaining("ends before it starts").hasMessageContaining("e-mail address is not valid");
        long otherPart = listPart(other);
        var foreignPart = new NewRollout(operator, type, "Foreign part " + run, 10, LocalDate.now(ZoneOffset.UTC),
                LocalDate.now(ZoneOffset.UTC).plusDays(5), "pm.clara@demo.invalid", List.of(otherPart));
        assertThatThrownBy(() -> as("pm.clara", Roles.PROJECT_MANAGER, () -> rollouts.create(foreignPart)))
                .hasMessageContaining("not one of this operator's parts");
        assertThat(jdbc.sql("select count(*) from rollout where operator_id = ?").param(operator.id()).query(Long.class).single())
                .isZero();
        Rollout ok = plan("pm.clara");
        assertThat(auditRowsOfOperator("ROLLOUT_CREATED")).containsExactly("pm.clara failed", "pm.clara failed", "pm.clara success");
        assertThat(ok.createdBy()).isEqualTo("pm.clara");
    }

    @Test
    @RecordsAudit(AuditAction.ROLLOUT_ACKNOWLEDGED)
    void operator_staff_see_and_acknowledge_only_their_own_operators_rollouts() throws Exception {
        Rollout mine = plan("pm.clara");
        liveBatch(5);
        as("pm.felix", Roles.PROJECT_MANAGER, () -> rollouts.approve(mine.id()));
        goAhead.sendDue();

        String stranger = "op." + other.code();
        var visible = as(stranger, Optional.of(other.code()), Roles.OPERATOR_STAFF, () -> rollouts.list());
        assertThat(visible).extracting(Rollout::id).doesNotContain(mine.id());
        assertThat(as(stranger, Optional.of(other.code()), Roles.OPERATOR_STAFF, () -> rollouts.find(mine.id()))).isEmpty();
        assertThatThrownBy(() -> as(stranger, Optional.of(other.code()), Roles.OPERATOR_STAFF,
                () -> rollouts.acknowledge(mine.id()))).hasMessageContaining("There is no rollout");

        String own = "op." + operator.code();
        assertThat(as(own, Optional.of(operator.code()), Roles.OPERATOR_STAFF, () -> rollouts.list()))
                .extracting(Rollout::id).contains(mine.id());
        as(own, Optional.of(operator.code()), Roles.OPERATOR_STAFF, () -> rollouts.acknowledge(mine.id()));
        assertThatThrownBy(() -> as("pm.clara", Roles.PROJECT_MANAGER, () -> rollouts.acknowledge(mine.id())))
                .hasMessageContaining("already acknowledged by " + own);
        assertThat(auditRows("ROLLOUT_ACKNOWLEDGED", mine.id()))
                .containsExactly(stranger + " denied", own + " success", "pm.clara denied");
    }

    @Test
    @RecordsAudit(AuditAction.ROLLOUT_CANCELLED)
    void a_cancelled_rollout_needs_a_reason_and_is_never_told_to_go_ahead() throws Exception {
        Rollout planned = plan("pm.clara");
        as("pm.felix", Roles.PROJECT_MANAGER, () -> rollouts.approve(planned.id()));
        assertThatThrownBy(() -> as("pki.ben", Roles.PKI_OPS, () -> rollouts.cancel(planned.id(), " ")))
                .hasMessageContaining("Give a reason");
        var cancelled = as("pki.ben", Roles.PKI_OPS, () -> rollouts.cancel(planned.id(), "Device update postponed"));
        assertThat(cancelled.stage()).isEqualTo(RolloutStage.CANCELLED);
        liveBatch(5);
        assertThat(goAhead.sendDue()).isZero();
        assertThat(stage(planned)).isEqualTo(RolloutStage.CANCELLED);
        assertThat(auditRows("ROLLOUT_CANCELLED", planned.id())).containsExactly("pki.ben denied", "pki.ben success");
    }

    private Rollout plan(String by) throws Exception {
        var today = LocalDate.now(ZoneOffset.UTC);
        String role = by.startsWith("pm.") ? Roles.PROJECT_MANAGER : Roles.PKI_OPS;
        return as(by, role, () -> rollouts.create(new NewRollout(operator, type, "Rollout " + run, 10, today.minusDays(2),
                today.plusDays(20), "pm.clara@demo.invalid", List.of(listPart(operator)))));
    }

    private RolloutStage stage(Rollout rollout) throws Exception {
        return as("audit.dora", Roles.AUDITOR, () -> rollouts.find(rollout.id()).orElseThrow().stage());
    }

    /** A batch staged as an upload stages one: package row, credentials, then the database's seal (V47). */
    private long stagedBatch(int credentials) {
        String manifest = UUID.randomUUID().toString();
        long batch = jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, manifest_sha256,
                                                      producing_facility, state, submitted_by)
                        values (?, ?, ?, sha256(convert_to(?, 'UTF8')), 'Test KGF', 'staged', 'pki.anna') returning id""")
                .params("RB-" + UUID.randomUUID(), type, credentials, manifest).query(Long.class).single();
        jdbc.sql("""
                        insert into credential_batch_package (batch_id, manifest, records_sha256, signer_fingerprint, signer_subject,
                                                              created_at, file_name, package_bytes)
                        values (?, convert_to(?, 'UTF8'), sha256('records'), repeat('ab', 32), 'CN=Test KGF', now(), 'rb.zip', 1)""")
                .params(batch, manifest).update();
        jdbc.sql("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, state)
                        select 'rc-' || ? || '-' || n, ?, ?, '\\x00'::bytea, 'staged' from generate_series(1, ?) n""")
                .params(batch, type, batch, credentials).update();
        jdbc.sql("select seal_credential_batch(?)").param(batch).query(byte[].class).single();
        return batch;
    }

    /** pki.ben's approval of what was sealed, as the approval service records it. */
    private void approved(long batch) {
        jdbc.sql("""
                        insert into batch_decision (batch_id, submitted_by, decided_by, decision, manifest_sha256, staged_sha256, decided_at)
                        select id, submitted_by, 'pki.ben', 'approved', manifest_sha256, staged_sha256, now() from credential_batch where id = ?""")
                .param(batch).update();
        jdbc.sql("update credential_batch set state = 'approved', approved_at = now() where id = ?").param(batch).update();
    }

    private void liveBatch(int credentials) {
        long batch = stagedBatch(credentials);
        approved(batch);
        assertThat(activation.activate(batch)).isTrue();
    }

    private void delivered(int devices) {
        for (int i = 0; i < devices; i++) {
            jdbc.sql("""
                            insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                            server_node, outcome, credential_id)
                            values (now(), ?, ?, ?, 'mac', 'node-test', 'delivered', ?)""")
                    .params(operator.id(), type, "aa:bb:cc:%02x:%02x:%02x".formatted(operator.id() & 0xff, i, devices), 1_000L + i)
                    .update();
        }
    }

    private List<String> openAlerts() {
        return jdbc.sql("select kind || ' ' || to_level from inventory_alert where credential_type_id = ? and resolved_at is null")
                .param(type).query(String.class).list();
    }

    private long listPart(OperatorRef of) {
        return jdbc.sql("""
                        insert into authorized_list_part (operator_id, credential_type_id, part_number, source_name)
                        values (?, ?, coalesce((select max(part_number) + 1 from authorized_list_part
                                                where operator_id = ? and credential_type_id = ?), 1), 'part.csv') returning id""")
                .params(of.id(), type, of.id(), type).query(Long.class).single();
    }

    private OperatorRef operator(String prefix) {
        String code = prefix + "-" + run;
        short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id").params(code, "Operator " + code)
                .query(Short.class).single();
        return new OperatorRef(id, code);
    }

    private void contact(OperatorRef of, String email, boolean goAheads) {
        jdbc.sql("insert into operator_contact (operator_id, name, email, go_ahead, created_by) values (?, ?, ?, ?, 'test')")
                .params(of.id(), "Contact " + email, email, goAheads).update();
    }

    /** "actor outcome" of the action's rows about this rollout, oldest first. */
    private List<String> auditRows(String action, long rolloutId) {
        return jdbc.sql("select actor || ' ' || outcome from audit_event where action = ? and target = ? order by seq")
                .params(action, "rollout:" + rolloutId).query(String.class).list();
    }

    /** "actor outcome" of the action's rows about this run's operator (a refused plan has no rollout yet). */
    private List<String> auditRowsOfOperator(String action) {
        return jdbc.sql("""
                        select actor || ' ' || outcome from audit_event
                        where action = ? and (target = ? or cast(details as jsonb) ->> 'operator' = ?) order by seq""")
                .params(action, "operator:" + operator.code(), operator.code()).query(String.class).list();
    }

    private static <T> T as(String user, String role, Callable<T> call) throws Exception {
        return as(user, Optional.empty(), role, call);
    }

    private static <T> T as(String user, Optional<String> operatorCode, String role, Callable<T> call) throws Exception {
        try (var signedIn = SignedIn.as(SignedIn.user(user, operatorCode, role))) {
            return call.call();
        }
    }

}
