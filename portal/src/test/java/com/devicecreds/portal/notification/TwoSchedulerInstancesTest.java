package com.devicecreds.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.devicecreds.portal.PortalTest;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two portal nodes on one database: a second clustered Quartz instance joins the first. While the
 * first stands by, the second alone raises the alert of a pool that ran dry and sends its mail; then
 * both run the alert engine (every 5 s here) and the mail sender, and nothing repeats: exactly one
 * alert and exactly one e-mail, received by a real SMTP server.
 */
@PortalTest(properties = {"inventory.alerts.interval=5s",
        "spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000"})
class TwoSchedulerInstancesTest {

    private static final int SMTP_PORT = TestSmtp.freePort();
    private static final GreenMail SMTP = TestSmtp.start(SMTP_PORT);

    @Autowired
    Scheduler firstNode;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ApplicationContext context;
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

    @Test
    void a_pool_that_runs_dry_gets_one_alert_and_one_mail_with_two_scheduler_instances_on_one_database()
            throws Exception {
        var secondNodeRuns = new AtomicInteger();
        var secondNode = secondNode(secondNodeRuns);
        try {
            // Both nodes checked in (on a loaded machine a node that checked in late may briefly be listed twice).
            assertThat(jdbc.sql("select instance_name from qrtz_scheduler_state where sched_name = ?")
                    .param(firstNode.getSchedulerName()).query(String.class).list())
                    .contains(firstNode.getSchedulerInstanceId(), "second-node");

            // Phase 1: the first node stands by, so the alert and its mail can only come from the second.
            firstNode.standby();
            String pool = dryPool();
            var deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (mailsAbout(pool) == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            assertThat(mailsAbout(pool)).as("the alert mail arrived").isEqualTo(1);
            assertThat(secondNodeRuns.get()).as("jobs run by the second node").isPositive();

            // Phase 2: both nodes run the engine (5 s) and the sender (15 s) for several rounds: nothing repeats.
            firstNode.start();
            Thread.sleep(Duration.ofSeconds(35));
            assertThat(mailsAbout(pool)).isEqualTo(1);
            assertThat(jdbc.sql("""
                            select count(*) from inventory_alert a join credential_type t on t.id = a.credential_type_id
                            where t.name = ?""").param(pool).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("""
                            select count(*) from mail_outbox o join notification n on n.id = o.notification_id
                            where n.title like ? and o.sent_at is not null""").param(pool + "%").query(Long.class).single())
                    .isEqualTo(1);
        } finally {
            secondNode.destroy();
            if (firstNode.isInStandbyMode()) {
                firstNode.start();
            }
        }
    }

    /** A second node: same scheduler name and tables, its own instance id, jobs built by this Spring context. */
    private SchedulerFactoryBean secondNode(AtomicInteger runs) throws Exception {
        var jobs = new SpringBeanJobFactory();
        jobs.setApplicationContext(context);
        var quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceId", "second-node");
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", "2000");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.threadPool.threadCount", "2");
        var node = new SchedulerFactoryBean();
        node.setSchedulerName(firstNode.getSchedulerName());
        node.setDataSource(dataSource);
        node.setTransactionManager(transactions);
        node.setJobFactory(jobs);
        node.setQuartzProperties(quartz);
        node.setApplicationContext(context);
        node.setWaitForJobsToCompleteOnShutdown(true);
        node.setGlobalJobListeners(new JobListenerSupport() {
            @Override
            public String getName() {
                return "second-node-runs";
            }

            @Override
            public void jobWasExecuted(JobExecutionContext job, JobExecutionException failure) {
                runs.incrementAndGet();
            }
        });
        node.afterPropertiesSet();
        node.start();
        return node;
    }

    /** A new operator's pool whose every credential is bound: EMPTY at the engine's next run. */
    private String dryPool() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        short operator = jdbc.sql("insert into operator (code, name) values (?, ?) returning id")
                .params("dry-" + run, "Dry " + run).query(Short.class).single();
        String name = "Dry pool " + run;
        int type = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', ?, 'mac', 'next-available') returning id""")
                .params("dry-" + run, name, operator).query(Integer.class).single();
        long batch = jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, producing_facility,
                                                      state, submitted_by, activated_at)
                        values (?, ?, 5, 'kgf', 'active', 'test', now()) returning id""")
                .params("dry-" + run, type).query(Long.class).single();
        jdbc.sql("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, state, bound_device_id, bound_at)
                        select 'c' || g, ?, ?, '\\x00', 'bound', lpad(to_hex(g), 12, '0'), now() from generate_series(1, 5) g""")
                .params(type, batch).update();
        return name;
    }

    private long mailsAbout(String pool) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> subject(m).contains(pool)).count();
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (MessagingException e) {
            return "";
        }
    }
}
