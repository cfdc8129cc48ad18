package com.devicecreds.portal.webhook;

import java.io.IOException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.notification.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's second half, run by a clustered job as the system: fans queued events out to the
 * endpoints that may receive them (an operator's event to that operator's endpoints and the PKI-wide
 * ones, never another operator's), then delivers what is due, one delivery per short transaction
 * that holds its row lock while it posts, so concurrent senders skip it (as the e-mail sender does,
 * decision 009). Failures back off exponentially; after max-attempts the delivery is given up.
 * Logs name endpoints by id, never by address: a Slack or Teams address is itself a secret.
 */
@Component
public class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_PER_RUN = 200;

    private final JdbcClient jdbc;
    private final WebhookClient client;
    private final WebhookSecrets secrets;
    private final WebhookPayloads payloads;
    private final TransactionTemplate transaction;
    private final RetryPolicy retries;
    private final Clock clock;

    WebhookSender(JdbcClient jdbc, WebhookClient client, WebhookSecrets secrets, WebhookPayloads payloads,
            PlatformTransactionManager transactions, PortalProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.client = client;
        this.secrets = secrets;
        this.payloads = payloads;
        this.transaction = new TransactionTemplate(transactions);
        var settings = properties.webhooks();
        this.retries = new RetryPolicy(settings.retryBase(), settings.retryCap(), settings.maxAttempts());
        this.clock = clock;
    }

    /** Fans out new events and sends every due delivery; returns how many were delivered. */
    public int run() {
        while (Boolean.TRUE.equals(transaction.execute(status -> fanOut()))) {
            // until no event is left to fan out
        }
        int delivered = 0;
        for (int i = 0; i < MAX_PER_RUN; i++) {
            Boolean outcome = transaction.execute(status -> claimNextDue().map(this::deliver).orElse(null));
            if (outcome == null) {
                break;
            }
            delivered += outcome ? 1 : 0;
        }
        return delivered;
    }

    private record Event(long id, String type, Short operatorId, String payload, Long testEndpoint) {
    }

    private record Target(long id, Short operatorId, WebhookFormat format) {
    }

    /** Fans out up to 100 events; whether there were any. */
    private boolean fanOut() {
        List<Event> events = jdbc.sql("""
                        select id, type, operator_id, payload, test_endpoint_id from webhook_event
                        where fanned_out_at is null order by id limit 100 for update skip locked""")
                .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), (Short) rs.getObject(3, Short.class),
                        rs.getString(4), (Long) rs.getObject(5, Long.class)))
                .list();
        for (Event event : events) {
            for (Target target : targets(event)) {
                jdbc.sql("""
                                insert into webhook_delivery (delivery_id, endpoint_id, event_id, operator_id, event_type, body)
                                values (?, ?, ?, ?, ?, ?) on conflict (endpoint_id, event_id) do nothing""")
                        .params(UUID.randomUUID(), target.id(), event.id(), target.operatorId(), event.type(),
                                payloads.body(event.payload(), target.format()))
                        .update();
            }
            jdbc.sql("update webhook_event set fanned_out_at = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), event.id()).update();
        }
        return !events.isEmpty();
    }

    /** An operator's event: its endpoints and the PKI-wide ones; a PKI-wide event (no operator): PKI-wide ones only. */
    private List<Target> targets(Event event) {
        var query = event.testEndpoint() != null
                ? jdbc.sql("select id, operator_id, format from webhook_endpoint where id = ?").param(event.testEndpoint())
                : jdbc.sql("""
                                select id, operator_id, format from webhook_endpoint
                                where enabled and ? = any (event_types)
                                  and (operator_id is null or operator_id = cast(? as smallint))""")
                        .params(event.type(), event.operatorId());
        return query.query((rs, n) -> new Target(rs.getLong(1), (Short) rs.getObject(2, Short.class),
                WebhookFormat.ofCode(rs.getString(3)))).list();
    }

    private record Due(long id, UUID deliveryId, long endpointId, String eventType, String body, int attempts, String url,
            byte[] secret) {
    }

    /** Locks the oldest due delivery of an enabled endpoint (a test is sent to a disabled one too). */
    private Optional<Due> claimNextDue() {
        return jdbc.sql("""
                        select d.id, d.delivery_id, d.endpoint_id, d.event_type, d.body, d.attempts, e.url, e.secret_ciphertext
                        from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                        where d.delivered_at is null and d.failed_at is null and d.next_attempt_at <= ?
                          and (e.enabled or d.event_type = 'test')
                        order by d.next_attempt_at, d.id
                        limit 1
                        for update of d skip locked""")
                .param(Timestamp.from(clock.instant()))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7), rs.getBytes(8)))
                .optional();
    }

    private boolean deliver(Due due) {
        Integer status = null;
        String error;
        try {
            String signature = WebhookSignature.header(secrets.decrypt(due.secret()), clock.instant().getEpochSecond(), due.body());
            status = client.post(URI.create(due.url()), due.body(), signature, due.deliveryId().toString(), due.eventType());
            if (status >= 200 && status < 300) {
                jdbc.sql("""
                                update webhook_delivery set delivered_at = ?, attempts = attempts + 1, last_status = ?, last_error = null
                                where id = ?""")
                        .params(Timestamp.from(clock.instant()), status, due.id()).update();
                return true;
            }
            error = status >= 300 && status < 400 ? "HTTP " + status + ": redirects are not followed" : "HTTP " + status;
        } catch (IOException | RuntimeException e) {
            error = describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "Interrupted";
        }
        int failed = due.attempts() + 1;
        Instant now = clock.instant();
        var next = retries.nextAttempt(failed, now);
        log.warn("Webhook delivery {} to endpoint {} failed (attempt {}){}: {}", due.deliveryId(), due.endpointId(), failed,
                next.isEmpty() ? ", giving up" : "", error);
        jdbc.sql("""
                        update webhook_delivery set attempts = attempts + 1, last_status = ?, last_error = ?,
                               next_attempt_at = coalesce(?, next_attempt_at), failed_at = ?
                        where id = ?""")
                .params(status, error, next.map(Timestamp::from).orElse(null), next.isPresent() ? null : Timestamp.from(now),
                        due.id())
                .update();
        return false;
    }

    /** What went wrong, with the root cause when it says more ("ConnectException" alone does not). */
    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + (root == e || root.getMessage() == null ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
