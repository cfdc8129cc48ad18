package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import com.devicecreds.inventory.loading.sample.Facility;
import com.devicecreds.inventory.loading.sample.SamplePackage;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.notification.TestSmtp;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The go-ahead pipeline end to end in a real browser with a real SMTP server: pm.clara plans a
 * rollout of a new credential type for Nordkabel, pm.felix approves it, pki.anna uploads a package
 * of the type, pki.ben approves the batch; the batch activates, the pool rises by the batch size, and
 * the go-ahead e-mail reaches the project manager and Nordkabel's contact, with the link that
 * pm.clara follows to acknowledge it.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RolloutEndToEndTest {

    private static final int SMTP_PORT = TestSmtp.freePort();
    private static final GreenMail SMTP = TestSmtp.start(SMTP_PORT);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        TestSmtp.use(registry, SMTP_PORT);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Test
    void planned_approved_loaded_and_activated_the_project_manager_gets_the_go_ahead_by_mail() throws Exception {
        String typeCode = "e2e-rollout-" + run;
        String typeName = "Rollout keybox " + run;
        jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        select ?, ?, 'widevine-keybox', id, 'mac', 'next-available' from operator where code = 'nordkabel'""")
                .params(typeCode, typeName).update();
        jdbc.sql("""
                        insert into type_authorization (credential_type_id, operator_id)
                        select t.id, o.id from credential_type t, operator o where t.code = ? and o.code = 'nordkabel'""")
                .param(typeCode).update();
        String contact = "noc-" + run + "@nordkabel.example";
        jdbc.sql("""
                        insert into operator_contact (operator_id, name, email, created_by)
                        select id, 'Nordkabel NOC', ?, 'test' from operator where code = 'nordkabel'""").param(contact).update();
        String operatorName = jdbc.sql("select name from operator where code = 'nordkabel'").query(String.class).single();
        String name = "Firmware 5 keyboxes " + run;

        long rollout;
        try (var clara = new Browser(port)) {
            clara.signIn("pm.clara", "demo");
            clara.open("/rollouts");
            clara.waitFor(By.cssSelector("vaadin-button.plan-rollout")).click();
            clara.waitFor(By.cssSelector(".rollout-name input"));
            clara.waitUntilVaadinIsIdle();
            clara.choose("vaadin-select.rollout-operator", operatorName);
            clara.choose("vaadin-select.rollout-type", typeName);
            clara.waitFor(By.cssSelector(".rollout-name input")).sendKeys(name);
            clara.waitFor(By.cssSelector(".rollout-target input")).sendKeys("500");
            clara.screenshot("rollout-1-plan-dialog.png");
            clara.waitFor(By.cssSelector("vaadin-button.confirm-plan")).click();
            clara.waitUntil("location.pathname.match(/\\/rollouts\\/\\d+$/) !== null");
            clara.waitFor(By.cssSelector(".rollout-pipeline"));
            clara.waitUntilVaadinIsIdle();
            rollout = Long.parseLong(clara.currentUrl().replaceAll(".*/rollouts/", ""));
            assertThat(text(clara, ".rollout-title")).contains(name).contains("Waiting for credentials");
            clara.screenshot("rollout-2-waiting-for-credentials.png");
        }
        assertThat(jdbc.sql("select project_manager_email from rollout where id = ?").param(rollout).query(String.class).single())
                .as("the planner's own address, filled in").isEqualTo("pm.clara@demo.invalid");

        try (var felix = new Browser(port)) {
            felix.signIn("pm.felix", "demo");
            felix.open("/rollouts/" + rollout);
            felix.waitFor(By.cssSelector("vaadin-button.approve-rollout")).click();
            felix.waitUntil("document.querySelector('.decision-message') !== null"
                    + " && document.querySelector('.decision-message').innerText.includes('Rollout approved')");
            assertThat(text(felix, ".pipeline-step.stage-approved")).contains("Approved");
            felix.screenshot("rollout-3-approved-waiting-for-credentials.png");
        }

        var facility = Facility.fromPem(Files.readString(LoadingEndToEndTest.DEMO_KEY),
                Files.readString(LoadingEndToEndTest.DEMO_CERTIFICATE));
        var sample = SamplePackage.of(facility, typeCode, 500);
        Path file = sample.writeTo(Files.createDirectories(Path.of("target", "e2e-packages")).resolve("rollout-" + run + ".zip"));
        try (var anna = new Browser(port)) {
            anna.signIn("pki.anna", "demo");
            anna.open("/loading/upload");
            anna.waitFor(By.cssSelector(".loading vaadin-upload"));
            anna.waitUntilVaadinIsIdle();
            LoadingEndToEndTest.upload(anna, file, ".report-accepted");
        }
        long batch = jdbc.sql("select id from credential_batch where batch_ref = ?").param(sample.batchId()).query(Long.class).single();
        assertThat(available(typeCode)).isZero();

        try (var ben = new Browser(port)) {
            ben.signIn("pki.ben", "demo");
            ben.open("/rollouts/" + rollout);
            ben.waitFor(By.cssSelector(".rollout-pipeline"));
            ben.waitUntilVaadinIsIdle();
            assertThat(text(ben, ".rollout-title")).contains("Approved");
            ben.screenshot("rollout-4-loaded-and-approved.png");
            ben.open("/loading/approvals/" + batch);
            ben.waitFor(By.cssSelector(".manifest-hash"));
            ben.waitUntilVaadinIsIdle();
            ben.waitFor(By.cssSelector("vaadin-password-field.confirm-password input")).sendKeys("demo");
            ben.waitFor(By.cssSelector("vaadin-button.approve")).click();
            ben.waitUntilVaadinIsIdle();
        }
        waitFor(() -> available(typeCode) == 500, "the pool rises by the batch size");

        var expected = new java.util.ArrayList<>(jdbc.sql("""
                        select c.email from operator_contact c join operator o on o.id = c.operator_id
                        where o.code = 'nordkabel' and c.go_ahead""").query(String.class).list());
        assertThat(expected).contains(contact);
        expected.add("pm.clara@demo.invalid");
        waitFor(() -> goAheadMails(name).length >= expected.size(), "the go-ahead e-mails");
        var mails = goAheadMails(name);
        assertThat(Arrays.stream(mails).map(m -> recipient(m))).as("the project manager and Nordkabel's go-ahead contacts")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jdbc.sql("select count(*) from operator_contact where go_ahead and operator_id <> "
                + "(select id from operator where code = 'nordkabel')").query(Long.class).single())
                .as("other operators have contacts too, and none of them got it").isPositive();
        String body = GreenMailUtil.getBody(mails[0]);
        String link = "/rollouts/" + rollout;
        assertThat(body).contains("are loaded and live").contains(link);

        try (var clara = new Browser(port)) {
            clara.signIn("pm.clara", "demo");
            clara.open(link);
            clara.waitFor(By.cssSelector("vaadin-button.acknowledge-go-ahead"));
            clara.waitUntilVaadinIsIdle();
            assertThat(text(clara, ".rollout-title")).contains("Go-ahead sent");
            clara.screenshot("rollout-5-go-ahead-sent.png");
            clara.waitFor(By.cssSelector("vaadin-button.acknowledge-go-ahead")).click();
            clara.waitUntil("document.querySelector('.rollout-title').innerText.includes('Acknowledged')");
            clara.screenshot("rollout-6-acknowledged.png");
            clara.open("/rollouts");
            clara.waitFor(By.cssSelector(".rollouts-grid"));
            clara.waitUntilVaadinIsIdle();
            clara.screenshot("rollout-7-list.png");
            assertThat(clara.consoleErrors()).isEmpty();
        }
        assertThat(jdbc.sql("select acknowledged_by from rollout where id = ?").param(rollout).query(String.class).single())
                .isEqualTo("pm.clara");
    }

    private MimeMessage[] goAheadMails(String name) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> GreenMailUtil.getHeaders(m).contains(name))
                .toArray(MimeMessage[]::new);
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long available(String typeCode) {
        return jdbc.sql("""
                        select coalesce(sum(n.available), 0) from pool_count_now n join credential_type t on t.id = n.credential_type_id
                        where t.code = ?""").param(typeCode).query(Long.class).single();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean() && Instant.now().isBefore(until)) {
            Thread.sleep(500);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private static String text(Browser browser, String selector) {
        return String.valueOf(browser.script("return Array.from(document.querySelectorAll('" + selector
                + "')).map(e => e.innerText).join('\\n')"));
    }
}
