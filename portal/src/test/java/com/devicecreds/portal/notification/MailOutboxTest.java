package com.devicecreds.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.devicecreds.inventory.alert.AlertKind;
import com.devicecreds.inventory.alert.PoolAlertRaised;
import com.devicecreds.inventory.alert.PoolAlertResolved;
import com.devicecreds.inventory.alert.PoolLevel;
import com.devicecreds.portal.PortalTest;
import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pool alerts through the outbox to a real SMTP server (GreenMail). The Quartz scheduler is off in
 * this context, so only the test runs the sender.
 */
@PortalTest(properties = {"spring.quartz.auto-startup=false",
        "spring.mail.properties.mail.smtp.connectiontimeout=2000", "spring.mail.properties.mail.smtp.timeout=5000"})
class MailOutboxTest {

    private static final int SMTP_PORT = TestSmtp.freePort();
    private static GreenMail smtp = TestSmtp.start(SMTP_PORT);
    private static final AtomicLong ALERT_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Autowired
    OutboxMailSender sender;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, SMTP_PORT);
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void a_committed_alert_makes_one_notification_and_one_mail_per_recipient_with_a_stable_message_id() throws Exception {
        // Its own pool: the other tests expect e-mail to the PKI ops address only.
        int type = jdbc.sql("select max(id) from credential_type").query(Integer.class).single();
        assertThat(type).isNotEqualTo(anyPoolType());
        String subscriber = "sub-" + UUID.randomUUID() + "@example.org";
        jdbc.sql("insert into pool_subscription (credential_type_id, email, created_by) values (?, ?, 'test')")
                .params(type, subscriber).update();
        long alert = raiseCommitted(type);
        long notification = notificationOf(alert).orElseThrow();

        sender.run();
        sender.run();

        List<MimeMessage> received = receivedFor(notification);
        assertThat(received).hasSize(2);
        assertThat(recipients(received)).containsExactlyInAnyOrder("pki-ops@demo.invalid", subscriber);
        for (MimeMessage message : received) {
            String to = message.getAllRecipients()[0].toString();
            assertThat(message.getMessageID()).isEqualTo(MessageIds.of(notification, to))
                    .isEqualTo(jdbc.sql("select message_id from mail_outbox where notification_id = ? and recipient = ?")
                            .params(notification, to).query(String.class).single());
        }
        assertThat(jdbc.sql("select count(*) from mail_outbox where notification_id = ? and sent_via = 'smtp'")
                .param(notification).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void a_rolled_back_alert_leaves_no_notification_and_no_mail() {
        long alert = ALERT_IDS.incrementAndGet();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            events.publishEvent(raised(alert, anyPoolType()));
            status.setRollbackOnly();
        });

        sender.run();

        assertThat(notificationOf(alert)).isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void publishing_the_same_alert_twice_makes_one_notification_and_one_mail() throws Exception {
        int type = anyPoolType();
        long alert = ALERT_IDS.incrementAndGet();
        var template = new TransactionTemplate(transactions);
        template.executeWithoutResult(status -> events.publishEvent(raised(alert, type)));
        template.executeWithoutResult(status -> events.publishEvent(raised(alert, type)));

        sender.run();

        long notification = notificationOf(alert).orElseThrow();
        assertThat(jdbc.sql("select count(*) from notification where source_id = ?").param(Long.toString(alert))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(receivedFor(notification)).hasSize(1);
    }

    @Test
    void a_failed_delivery_is_recorded_with_back_off_and_a_later_run_sends_it_once() throws Exception {
        smtp.stop();
        long notification;
        try {
            notification = notificationOf(raiseCommitted(anyPoolType())).orElseThrow();
            Instant before = Instant.now();

            assertThat(sender.run()).isZero();

            var row = jdbc.sql("select attempts, last_error, next_attempt_at, sent_at from mail_outbox where notification_id = ?")
                    .param(notification).query((rs, n) -> new Object[] {rs.getInt(1), rs.getString(2),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4)}).single();
            assertThat(row[0]).isEqualTo(1);
            assertThat((String) row[1]).isNotBlank();
            assertThat((Instant) row[2]).isAfter(before.plusSeconds(25));
            assertThat(row[3]).isNull();
        } finally {
            smtp = TestSmtp.start(SMTP_PORT);
        }
        assertThat(sender.run()).as("not due yet: the back-off holds").isZero();

        jdbc.sql("update mail_outbox set next_attempt_at = now() where notification_id = ?").param(notification).update();
        sender.run();
        sender.run();

        assertThat(receivedFor(notification)).hasSize(1);
        assertThat(jdbc.sql("select attempts from mail_outbox where notification_id = ?").param(notification)
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void two_senders_running_at_once_deliver_every_message_exactly_once() throws Exception {
        int type = anyPoolType();
        List<Long> notifications = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            notifications.add(notificationOf(raiseCommitted(type)).orElseThrow());
        }
        var start = new CountDownLatch(1);
        try (var threads = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> runs = List.of(
                    threads.submit(() -> { start.await(); return sender.run(); }),
                    threads.submit(() -> { start.await(); return sender.run(); }));
            start.countDown();
            assertThat(runs.get(0).get() + runs.get(1).get()).isEqualTo(30);
        }

        List<String> ids = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            ids.add(message.getMessageID());
        }
        assertThat(ids).hasSize(30).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(notifications.stream()
                        .map(n -> MessageIds.of(n, "pki-ops@demo.invalid")).toList());
    }

    @Test
    void a_resolved_alert_makes_its_own_notification_and_mail() throws Exception {
        int type = anyPoolType();
        long alert = raiseCommitted(type);
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(new PoolAlertResolved(
                alert, type, "Test pool " + type, Optional.empty(), AlertKind.LEVEL, "A batch was loaded.", Instant.now())));

        sender.run();

        long resolved = jdbc.sql("select id from notification where source_kind = 'pool-alert-resolved' and source_id = ?")
                .param(Long.toString(alert)).query(Long.class).single();
        assertThat(receivedFor(resolved)).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Test pool " + type + ": resolved"));
        assertThat(receivedFor(notificationOf(alert).orElseThrow())).hasSize(1);
    }

    private long raiseCommitted(int type) {
        long alert = ALERT_IDS.incrementAndGet();
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(raised(alert, type)));
        return alert;
    }

    private static PoolAlertRaised raised(long alert, int type) {
        return new PoolAlertRaised(alert, type, "Test pool " + type, Optional.empty(), AlertKind.LEVEL,
                PoolLevel.CRITICAL, 12, "Only 12 credentials left: load a batch.", Instant.now());
    }

    private Optional<Long> notificationOf(long alert) {
        return jdbc.sql("select id from notification where source_kind = 'pool-alert-raised' and source_id = ?")
                .param(Long.toString(alert)).query(Long.class).optional();
    }

    private int anyPoolType() {
        return jdbc.sql("select min(id) from credential_type").query(Integer.class).single();
    }

    private List<MimeMessage> receivedFor(long notification) throws MessagingException {
        String prefix = "<notification-" + notification + ".";
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getMessageID().startsWith(prefix)) {
                found.add(message);
            }
        }
        return found;
    }

    private static List<String> recipients(List<MimeMessage> messages) throws MessagingException {
        List<String> all = new ArrayList<>();
        for (MimeMessage message : messages) {
            Arrays.stream(message.getAllRecipients()).map(Object::toString).forEach(all::add);
        }
        return all;
    }
}
