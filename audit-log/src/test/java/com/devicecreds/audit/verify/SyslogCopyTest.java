package com.devicecreds.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import com.devicecreds.access.Actor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditModuleTestApplication;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.audit.keys.AuditSigner;
import com.devicecreds.testsupport.OwnDatabase;
import com.devicecreds.testsupport.SignedIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Every anchor file line also goes to a real rsyslog (Debian's rsyslogd, started here on a loopback
 * port with a configuration of its own) as RFC 5424 over TCP. An insider on the portal host who cuts
 * the trail's tail and the same lines off the local anchor file passes the local check, but not the
 * check against the log host's copy (decision 024).
 */
@SpringBootTest(classes = {AuditModuleTestApplication.class, OwnDatabase.class},
        properties = "spring.application.name=syslog-copy-test")
class SyslogCopyTest {

    private static final Actor ACTOR = new Actor("pki.ben", "Ben", Set.of(Roles.PKI_OPS), Optional.empty());
    private static Path logHostDir;
    private static Process rsyslogd;

    @DynamicPropertySource
    static void aLogHost(DynamicPropertyRegistry registry) throws Exception {
        logHostDir = Files.createTempDirectory("audit-log-host");
        int port;
        try (var free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(logHostDir.resolve("rsyslog.conf"), """
                global(workDirectory="%1$s")
                module(load="imtcp")
                template(name="anchorLine" type="string" string="%%msg%%\\n")
                ruleset(name="audit") { action(type="omfile" file="%1$s/anchors-copy.log" template="anchorLine") }
                input(type="imtcp" address="127.0.0.1" port="%2$d" ruleset="audit")
                """.formatted(logHostDir, port));
        rsyslogd = new ProcessBuilder("/usr/sbin/rsyslogd", "-n", "-f", logHostDir.resolve("rsyslog.conf").toString(),
                "-i", logHostDir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(logHostDir.resolve("rsyslogd.out").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (var probe = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        registry.add("audit.syslog-host", () -> "127.0.0.1");
        registry.add("audit.syslog-port", () -> port);
    }

    @AfterAll
    static void stopTheLogHost() throws InterruptedException {
        rsyslogd.destroy();
        rsyslogd.waitFor();
    }

    @Autowired
    AuditLog auditLog;
    @Autowired
    AuditVerification verification;
    @Autowired
    AuditProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;

    @Test
    void a_tail_cut_off_the_trail_and_the_local_anchor_file_together_is_found_against_the_log_hosts_copy()
            throws Exception {
        long[] delays = new long[20];
        for (int i = 0; i < delays.length; i++) {
            auditLog.record(AuditRecord.of(ACTOR, AuditAction.LOGIN, AuditOutcome.SUCCESS, "row " + i));
            long seq = jdbc.sql("select seq from audit_chain_head").query(Long.class).single();
            long start = System.nanoTime();
            while (!copy().contains("\"seq\":\"" + seq + "\"")) {
                assertThat(System.nanoTime() - start).as("row %d reached the log host", seq).isLessThan(10_000_000_000L);
                Thread.sleep(1);
            }
            delays[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(delays);
        System.out.printf("Log host copy, after the local witness line: median %d us, max %d us%n",
                delays[delays.length / 2], delays[delays.length - 1]);

        long last = jdbc.sql("select seq from audit_chain_head").query(Long.class).single();
        long keep = last - 3;
        new InsiderAttacks(jdbc, transactions, properties.anchorFile()).cutTail(keep);
        var local = Files.readAllLines(properties.anchorFile()).stream()
                .filter(line -> !line.matches(".*\"seq\":\"(\\d+)\".*") || seqOf(line) <= keep).toList();
        Files.write(properties.anchorFile(), local);

        VerificationReport page;
        try (var auditor = SignedIn.auditor()) {
            page = verification.verify();
        }
        assertThat(page.intact()).as("the local anchor file alone cannot tell").isTrue();

        String url = InsiderTamperSuiteTest.urlOf(dataSource);
        String publicKey = AuditSigner.publicFile(properties.signingKey()).toString();
        var out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        int withoutCopy;
        try {
            code = AuditVerifyCommand.run(new String[] {"--url", url, "--anchors",
                    properties.anchorFile() + "," + logHostDir.resolve("anchors-copy.log"), "--public-key", publicKey},
                    Map.of("AUDIT_CHAIN_KEY", properties.chainKey()));
            withoutCopy = AuditVerifyCommand.run(new String[] {"--url", url, "--anchors",
                    properties.anchorFile() + "," + logHostDir.resolve("no-such-copy.log"), "--public-key", publicKey},
                    Map.of());
        } finally {
            System.setOut(original);
        }
        assertThat(code).isEqualTo(2);
        // The page's own verification row took the cut row's number: two signed lines now disagree about it.
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Tampering found").contains("Row " + (keep + 1) + ":")
                .contains("rows were cut off and the number written again");
        assertThat(withoutCopy).as("a copy that cannot be read").isEqualTo(1);
    }

    private static long seqOf(String line) {
        return Long.parseLong(line.replaceAll(".*\"seq\":\"(\\d+)\".*", "$1"));
    }

    private static String copy() throws IOException {
        Path file = logHostDir.resolve("anchors-copy.log");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
