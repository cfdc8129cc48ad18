package com.devicecreds.portal.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Webhooks against a real HTTPS receiver on the loopback interface. The scheduler stands by during
 * each test (the shared context's jobs would raise alerts and run the portal's own sender), so only
 * the test runs the sender, built like the portal's with a client that trusts the receiver's
 * self-signed certificate (the portal's own client trusts the JVM's defaults only).
 */
@PortalTest
abstract class WebhookTestSupport {

    static TestHttpsReceiver receiver;

    @Autowired
    WebhookService webhooks;
    @Autowired
    WebhookSecrets secrets;
    @Autowired
    WebhookPayloads payloads;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    PortalProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    Scheduler scheduler;

    WebhookSender sender;
    private boolean schedulerWasRunning;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = TestHttpsReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void noJobsAndNoEndpointsYet() throws Exception {
        schedulerWasRunning = scheduler.isStarted() && !scheduler.isInStandbyMode();
        scheduler.standby();
        while (!scheduler.getCurrentlyExecutingJobs().isEmpty()) {
            Thread.sleep(20);
        }
        receiver.reset();
        jdbc.sql("delete from webhook_endpoint").update();
        jdbc.sql("delete from webhook_event").update();
        var client = new WebhookClient(receiver.trust(), Duration.ofSeconds(2), Duration.ofSeconds(5));
        sender = new WebhookSender(jdbc, client, secrets, payloads, transactions, properties, clock);
    }

    @AfterEach
    void jobsAgain() throws SchedulerException {
        if (schedulerWasRunning) {
            scheduler.start();
        }
    }

    static final Authentication NORDKABEL = SignedIn.operatorStaff("nordkabel");
    static final Authentication SUNWAVE = SignedIn.operatorStaff("sunwave");
    static final Authentication PKI = SignedIn.user("pki.anna", java.util.Optional.empty(), Roles.PKI_OPS);

    static <T> T as(Authentication user, Supplier<T> call) {
        try (var signedIn = SignedIn.as(user)) {
            return call.get();
        }
    }

    RegisteredEndpoint register(Authentication user, String path, WebhookFormat format, WebhookEventType... events) {
        return as(user, () -> webhooks.register(new EndpointDraft("Hook " + path, receiver.url(path), format, Set.of(events))));
    }

    short operatorId(String code) {
        return jdbc.sql("select id from operator where code = ?").param(code).query(Short.class).single();
    }

    List<String> audit(String action, String target) {
        return jdbc.sql("select actor || ' ' || outcome from audit_event where action = ? and target = ? order by seq")
                .params(action, target).query(String.class).list();
    }

    /** The receiver's side, written from docs/webhooks.md and not with the portal's code: HMAC-SHA256 of "t.body". */
    static boolean verifies(TestHttpsReceiver.Received request, String secret) throws Exception {
        String header = request.header("X-Portal-Signature");
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((t + "." + request.body()).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
    }
}
