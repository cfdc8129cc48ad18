package com.devicecreds.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.UUID;


import com.icegreen.greenmail.util.GreenMail;
import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A credential batch waiting longer than the reminder threshold is e-mailed to PKI operations once,
 * however often the reminder job runs. The scheduler is off; the test runs the job's parts.
 */
@PortalTest(properties = {"spring.quartz.auto-startup=false", "loading.approval.reminder-after=24h",
        "portal.notifications.pki-ops-addresses=pki-ops@demo.invalid"})
class ApprovalReminderMailTest {

    private static final int SMTP_PORT = TestSmtp.freePort();
    private static final GreenMail SMTP = TestSmtp.start(SMTP_PORT);

    @Autowired
    ApprovalReminders reminders;
    @Autowired
    OutboxMailSender sender;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, SMTP_PORT);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Test
    void a_request_waiting_past_the_threshold_is_reminded_by_mail_once() throws Exception {
        String waiting = batch(26);
        String fresh = batch(2);

        reminders.remind();
        reminders.remind();
        sender.run();
        reminders.remind();
        sender.run();

        assertThat(jdbc.sql("select count(*) from notification where source_kind = ? and source_id like ?")
                .params(ApprovalReminders.SOURCE_KIND, id(waiting) + "@%").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from notification where source_kind = ? and source_id like ?")
                .params(ApprovalReminders.SOURCE_KIND, id(fresh) + "@%").query(Long.class).single()).isZero();
        var mails = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> TestSmtp.subject(m).contains(waiting)).toList();
        assertThat(mails).hasSize(1);
        var mail = mails.getFirst();
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("pki-ops@demo.invalid");
        assertThat(TestSmtp.subject(mail)).isEqualTo("Batch " + waiting + " waits for approval");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("has waited 26 hours").contains("0 of 1");
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).filter(m -> TestSmtp.subject(m).contains(fresh))).isEmpty();
    }

    /** A staged batch submitted {@code hoursAgo} by pki.anna. */
    private String batch(int hoursAgo) {
        String ref = "REMIND-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, manifest_sha256,
                                                      producing_facility, state, submitted_by, submitted_at)
                        values (?, (select min(id) from credential_type), 10, sha256(convert_to(?, 'UTF8')), 'Test KGF',
                                'staged', 'pki.anna', now() - make_interval(hours => ?))""")
                .params(ref, ref, hoursAgo).update();
        return ref;
    }

    private long id(String ref) {
        return jdbc.sql("select id from credential_batch where batch_ref = ?").param(ref).query(Long.class).single();
    }
}
