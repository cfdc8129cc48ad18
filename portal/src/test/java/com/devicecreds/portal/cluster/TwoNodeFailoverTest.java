package com.devicecreds.portal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import com.devicecreds.portal.cluster.ClusterBrowser.Person;
import com.devicecreds.portal.lifecycle.PortalProcess;
import com.devicecreds.portal.notification.TestSmtp;
import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two portal nodes behind HAProxy with sticky sessions, on one external PostgreSQL, and node 1 killed
 * with -9 while people work on both (docs/decisions/036-several-nodes.md, docs/deployment/scaling.md).
 * Real processes throughout: the nodes are child JVMs, the balancer is Debian's HAProxy, the browser
 * Debian's Chromium, the mail server GreenMail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeFailoverTest {

    private static final Duration START = Duration.ofMinutes(3);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Path work;
    private ClusterDatabase database;
    private GreenMail smtp;
    private PortalProcess node1;
    private PortalProcess node2;
    private Balancer balancer;
    private ClusterBrowser browser;
    private final List<Person> onNode1 = new ArrayList<>();
    private final List<Person> onNode2 = new ArrayList<>();
    private String runStart;
    private String killedAt;
    private long eventsAtKill;
    private Instant killed;

    @BeforeAll
    void twoNodesBehindTheBalancer() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cluster")).toAbsolutePath(), "run");
        database = ClusterDatabase.start();
        toClose.add(database);
        int smtpPort = TestSmtp.freePort();
        smtp = TestSmtp.start(smtpPort);
        toClose.add(smtp::stop);
        node1 = startNode("node1", smtpPort);
        node1.awaitUp(START);
        // The second node starts on the migrated, seeded database, as a node added to a running cluster.
        node2 = startNode("node2", smtpPort);
        node2.awaitUp(START);
        var nodes = new LinkedHashMap<String, Integer>();
        nodes.put("node1", node1.httpPort());
        nodes.put("node2", node2.httpPort());
        balancer = Balancer.start(work, nodes);
        toClose.add(balancer);
        balancer.awaitStatus("node1", "UP", Duration.ofSeconds(30));
        balancer.awaitStatus("node2", "UP", Duration.ofSeconds(30));
        browser = new ClusterBrowser(balancer.baseUrl());
        toClose.add(browser);
        runStart = database.strings("select now()::text").getFirst();
    }

    private PortalProcess startNode(String name, int smtpPort) {
        var properties = database.nodeProperties(name);
        properties.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                "--audit.signing-key=" + work.resolve("audit-signing-key.pem"), "--audit.anchor-interval=3s",
                "--inventory.alerts.interval=2s",
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000"));
        var node = PortalProcess.startWithHeap(work, name, "384m", properties.toArray(String[]::new));
        toClose.add(node::kill9);
        return node;
    }

    @AfterAll
    void stopEverything() {
        onNode1.forEach(Person::close);
        onNode2.forEach(Person::close);
        for (var resource : toClose.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + resource + ": " + e);
            }
        }
    }

    @Test
    @Order(1)
    void people_signed_in_through_the_balancer_stay_on_their_node_and_each_node_vouches_for_the_whole_audit_trail() {
        onNode1.add(signedIn("pki.anna", "node1"));
        onNode1.add(signedIn("pm.clara", "node1"));
        onNode2.add(signedIn("pki.ben", "node2"));
        onNode2.add(signedIn("audit.dora", "node2"));
        // Round robin alone would send every other request to the node that does not know the session.
        for (var person : onNode1) {
            assertThat(person.open("/inventory")).isEqualTo(200);
            assertThat(person.onLoginPage()).as(person.username + " still signed in").isFalse();
            assertThat(person.node()).as(person.username + " stays on the node of the session").isEqualTo("node1");
        }
        for (var person : onNode2) {
            assertThat(person.open("/notifications")).isEqualTo(200);
            assertThat(person.onLoginPage()).as(person.username + " still signed in").isFalse();
            assertThat(person.node()).as(person.username).isEqualTo("node2");
        }
        // Every node's anchor file covers the rows the other node wrote (sign-ins on both), not only its own.
        long head = database.number("select seq from audit_chain_head");
        assertThat(database.number("select count(distinct actor) from audit_event where action = 'LOGIN'"))
                .isGreaterThanOrEqualTo(4);
        for (var node : List.of("node1", "node2")) {
            Waiting.until(node + "'s anchor file reaches row " + head, Duration.ofSeconds(30),
                    () -> highestAnchoredSeq(work.resolve(node + "-anchors.jsonl")) >= head);
        }
    }

    @Test
    @Order(2)
    void when_node1_is_killed_its_people_sign_in_afresh_on_node2_and_the_people_of_node2_carry_on() {
        // Nothing may be half-sent on the node about to die: the outbox is idle (the guide says why).
        Waiting.until("the outbox is idle", Duration.ofSeconds(60), () -> unsentMails() == 0);
        assertThat(connectionsOf("node1")).as("node1's connections carry its name").isPositive();
        assertThat(connectionsOf("node2")).isPositive();
        killedAt = database.strings("select now()::text").getFirst();
        eventsAtKill = database.number("select count(*) from provisioning_event");
        node1.kill9();
        killed = Instant.now();

        for (var person : onNode2) {
            assertThat(person.open("/inventory")).isEqualTo(200);
            assertThat(person.onLoginPage()).as(person.username + " is still signed in").isFalse();
            assertThat(person.node()).isEqualTo("node2");
            assertThat(person.text()).doesNotContain("Something went wrong");
        }
        // One has the page of node1 still open: its next round trip (a click, or its own polling) leads to the
        // sign-in page. The other opens an address.
        boolean clicked = onNode1.getFirst().clickMenuIfStillOpen();
        onNode1.getFirst().awaitLoginPage();
        var signInShown = Duration.between(killed, Instant.now());
        assertThat(onNode1.getLast().open("/inventory")).as("no error page").isEqualTo(200);
        for (var person : onNode1) {
            assertThat(person.onLoginPage()).as(person.username + " gets a fresh sign-in").isTrue();
            assertThat(person.text()).doesNotContain("Something went wrong");
            person.signIn();
            assertThat(person.node()).as(person.username + " now on the surviving node").isEqualTo("node2");
            assertThat(person.open("/notifications")).isEqualTo(200);
            assertThat(person.onLoginPage()).isFalse();
        }
        balancer.awaitStatus("node1", "DOWN", Duration.ofSeconds(10));
        System.out.printf("Failover: node1 killed; its open page showed the sign-in page of node2 after %d ms (%s)%n",
                signInShown.toMillis(), clicked ? "after a click" : "by itself, before any click");
    }

    @Test
    @Order(3)
    void node2_alone_runs_the_jobs_and_the_outbox_once_and_loses_no_committed_event() {
        // Quartz: node2 finds node1's scheduler dead and takes its place in the cluster.
        Waiting.until("one scheduler left in the cluster", Duration.ofSeconds(30),
                () -> database.number("select count(*) from qrtz_scheduler_state") == 1);
        var quartzAlone = Duration.between(killed, Instant.now());
        // The killed node's sessions are gone from the server: its request in flight rolled back, its locks freed.
        Waiting.until("node1's connections closed", Duration.ofSeconds(30),
                () -> connectionsOf("node1") == 0);
        // Node2's simulator carries on; node1's committed events are all there, none half-written.
        Waiting.until("node2 keeps writing events", Duration.ofSeconds(30),
                () -> database.number("select count(*) from provisioning_event") > eventsAtKill + 10);
        assertThat(database.number("select count(*) from provisioning_event where occurred_at >= ?::timestamptz", runStart))
                .as("events of both nodes since the run began").isGreaterThan(10);
        assertThat(database.number("""
                select count(*) from credential c where c.state = 'bound' and c.bound_at >= ?::timestamptz
                and not exists (select 1 from provisioning_event e where e.credential_id = c.id)""", runStart))
                .as("credentials bound without their delivery event").isZero();

        // A pool that runs dry after the kill: its alert raised once by the alert job, mailed once by the outbox, on node2.
        int type = database.dryPool("Failover pool");
        Waiting.until("the dry pool's alert is raised and mailed", Duration.ofSeconds(60), () -> alertsSinceKill(type) > 0
                && database.number("select count(*) from mail_outbox where created_at > ?::timestamptz", killedAt) > 0
                && unsentMails() == 0);
        assertThat(alertsSinceKill(type)).as("one transition, one alert").isEqualTo(1);
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> TestSmtp.subject(m).contains("Failover pool")))
                .as("the alert's e-mail").hasSize(1);

        var received = java.util.Arrays.stream(smtp.getReceivedMessages()).map(TwoNodeFailoverTest::messageId).toList();
        var sent = database.strings("select message_id from mail_outbox where sent_at is not null");
        assertThat(received).as("every e-mail of the run delivered once, never twice").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sent);
        assertThat(database.strings("select message_id from mail_outbox where created_at > ?::timestamptz", killedAt))
                .isNotEmpty().allSatisfy(id -> assertThat(received).containsOnlyOnce(id));
        assertThat(node2.log()).doesNotContain("APPLICATION FAILED");

        // Node2's anchor file alone vouches for the whole trail, node1's rows included: the check an auditor runs.
        var verified = PortalProcess.runMain(work, java.util.Map.of("AUDIT_CHAIN_KEY", "local-development-audit-chain-key"),
                "com.devicecreds.audit.verify.AuditVerifyCommand", "--url", database.superuserUrl(),
                "--anchors", work.resolve("node2-anchors.jsonl").toString(),
                "--public-key", work.resolve("audit-signing-key.pem.pub").toString());
        assertThat(verified.exitStatus()).as(verified.output()).isZero();
        System.out.printf("Failover: node2 alone in the Quartz cluster when checked, %d ms after the kill;"
                + " %d e-mails in the run, each delivered once;"
                + " %d events at the kill, %d now%n", quartzAlone.toMillis(), received.size(), eventsAtKill,
                database.number("select count(*) from provisioning_event"));
    }

    private long connectionsOf(String node) {
        return database.number("select count(*) from pg_stat_activity where application_name = ?", node);
    }

    private long unsentMails() {
        return database.number("select count(*) from mail_outbox where sent_at is null and failed_at is null");
    }

    private long alertsSinceKill(int type) {
        return database.number("select count(*) from inventory_alert where credential_type_id = ? and raised_at > ?::timestamptz",
                type, killedAt);
    }

    private static String messageId(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Person signedIn(String username, String node) {
        var person = browser.person(username, node);
        assertThat(person.open("/")).isEqualTo(200);
        assertThat(person.onLoginPage()).isTrue();
        person.signIn();
        assertThat(person.onLoginPage()).isFalse();
        assertThat(person.node()).isEqualTo(node);
        return person;
    }

    /** The highest row number a line of the node's anchor file names (witness or head line), or 0. */
    private static long highestAnchoredSeq(Path anchorFile) {
        try {
            if (!Files.exists(anchorFile)) {
                return 0;
            }
            var seq = java.util.regex.Pattern.compile("\"seq\"\\s*:\\s*\"?(\\d+)");
            return Files.readAllLines(anchorFile).stream().map(seq::matcher).filter(java.util.regex.Matcher::find)
                    .mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
