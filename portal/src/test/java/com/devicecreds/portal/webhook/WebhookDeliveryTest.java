package com.devicecreds.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.inventory.alert.AlertKind;
import com.devicecreds.inventory.alert.PoolAlertRaised;
import com.devicecreds.inventory.alert.PoolLevel;
import com.devicecreds.inventory.loading.batch.BatchActivated;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Deliveries to a real HTTPS receiver: signed, retried with the same delivery id, given up, never across operators. */
class WebhookDeliveryTest extends WebhookTestSupport {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JsonMapper json;

    @Test
    void an_operators_pool_alert_reaches_its_own_and_the_pki_wide_endpoint_signed_and_never_another_operators() throws Exception {
        var nordkabel = register(NORDKABEL, "/nordkabel", WebhookFormat.JSON, WebhookEventType.POOL_ALERT_RAISED);
        var sunwave = register(SUNWAVE, "/sunwave", WebhookFormat.JSON, WebhookEventType.POOL_ALERT_RAISED);
        var pki = register(PKI, "/pki", WebhookFormat.JSON, WebhookEventType.POOL_ALERT_RAISED);

        long alert = raiseAlertOf("nordkabel");
        assertThat(sender.run()).isEqualTo(2);

        var toNordkabel = receiver.received("/nordkabel");
        assertThat(toNordkabel).singleElement().satisfies(r -> {
            assertThat(verifies(r, nordkabel.secret())).as("signature with the endpoint's secret").isTrue();
            assertThat(verifies(r, sunwave.secret())).as("signature with another secret").isFalse();
            assertThat(r.header("X-Portal-Event")).isEqualTo("pool.alert.raised");
            assertThat(r.header("X-Portal-Delivery")).isNotBlank();
        });
        var event = json.readTree(toNordkabel.getFirst().body());
        assertThat(event.get("type").asString()).isEqualTo("pool.alert.raised");
        assertThat(event.get("operator").asString()).isEqualTo("nordkabel");
        assertThat(event.get("data").get("alertId").asString()).isEqualTo(Long.toString(alert));
        assertThat(receiver.received("/pki")).singleElement().satisfies(r -> {
            assertThat(verifies(r, pki.secret())).isTrue();
            assertThat(r.body()).isEqualTo(toNordkabel.getFirst().body());
        });
        assertThat(receiver.received("/sunwave")).isEmpty();
        assertThat(jdbc.sql("select count(*) from webhook_delivery where endpoint_id = ?").param(sunwave.endpoint().id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void a_delivery_answered_with_500_is_retried_after_its_back_off_with_the_same_delivery_id() throws Exception {
        var endpoint = register(NORDKABEL, "/flaky", WebhookFormat.JSON, WebhookEventType.POOL_ALERT_RAISED);
        receiver.answer("/flaky", 500, 204);
        raiseAlertOf("nordkabel");

        Instant before = Instant.now();
        assertThat(sender.run()).isZero();
        var failed = as(NORDKABEL, () -> webhooks.deliveries(endpoint.endpoint().id(), 0, 10)).getFirst();
        assertThat(failed.status()).isEqualTo(WebhookDelivery.Status.RETRYING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastStatus()).hasValue(500);
        assertThat(failed.nextAttempt()).hasValueSatisfying(next -> assertThat(next).isAfter(before.plusSeconds(25)));
        assertThat(sender.run()).as("not due yet: the back-off holds").isZero();

        jdbc.sql("update webhook_delivery set next_attempt_at = now() where id = ?").param(failed.id()).update();
        assertThat(sender.run()).isEqualTo(1);

        var requests = receiver.received("/flaky");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("X-Portal-Delivery")).isEqualTo(requests.get(0).header("X-Portal-Delivery"))
                .isEqualTo(failed.deliveryId().toString());
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(verifies(requests.get(1), endpoint.secret())).isTrue();
        var delivered = as(NORDKABEL, () -> webhooks.deliveries(endpoint.endpoint().id(), 0, 10)).getFirst();
        assertThat(delivered.status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(delivered.lastStatus()).hasValue(204);
    }

    @Test
    void a_delivery_that_keeps_failing_is_given_up_after_the_last_attempt() {
        var endpoint = register(PKI, "/down", WebhookFormat.JSON, WebhookEventType.POOL_ALERT_RAISED);
        receiver.answer("/down", 503);
        raiseAlertOf("sunwave");
        sender.run();
        int max = properties.webhooks().maxAttempts();
        // As if every attempt but the last had already failed.
        jdbc.sql("update webhook_delivery set attempts = ?, next_attempt_at = now() where endpoint_id = ?")
                .params(max - 1, endpoint.endpoint().id()).update();

        sender.run();

        var dead = as(PKI, () -> webhooks.deliveries(endpoint.endpoint().id(), 0, 10)).getFirst();
        assertThat(dead.status()).isEqualTo(WebhookDelivery.Status.DEAD);
        assertThat(dead.attempts()).isEqualTo(max);
        assertThat(dead.lastStatus()).hasValue(503);
        assertThat(dead.nextAttempt()).isEmpty();
        jdbc.sql("update webhook_delivery set next_attempt_at = now() - interval '1 hour' where endpoint_id = ?")
                .param(endpoint.endpoint().id()).update();
        sender.run();
        assertThat(receiver.received("/down")).as("never tried again").hasSize(2);
    }

    @Test
    void a_batch_activation_reaches_pki_wide_endpoints_only() {
        register(PKI, "/pki-batches", WebhookFormat.JSON, WebhookEventType.BATCH_ACTIVATED);
        register(NORDKABEL, "/nordkabel-all", WebhookFormat.JSON, WebhookEventType.subscribable(true)
                .toArray(WebhookEventType[]::new));

        new TransactionTemplate(transactions).executeWithoutResult(status ->
                events.publishEvent(new BatchActivated(-7, "BATCH-TEST-7", 1, 1000)));
        sender.run();

        assertThat(receiver.received("/pki-batches")).singleElement()
                .satisfies(r -> assertThat(r.header("X-Portal-Event")).isEqualTo("batch.activated"));
        assertThat(receiver.received("/nordkabel-all")).isEmpty();
    }

    @Test
    void slack_and_teams_endpoints_receive_their_incoming_webhook_message_formats() throws Exception {
        var slack = register(PKI, "/slack", WebhookFormat.SLACK, WebhookEventType.POOL_ALERT_RAISED);
        var teams = register(PKI, "/teams", WebhookFormat.TEAMS, WebhookEventType.POOL_ALERT_RAISED);
        raiseAlertOf("nordkabel");

        assertThat(sender.run()).isEqualTo(2);

        var slackMessage = json.readTree(receiver.received("/slack").getFirst().body());
        assertThat(slackMessage.get("text").asString()).contains("Test pool");
        assertThat(slackMessage.get("blocks").get(0).get("type").asString()).isEqualTo("header");
        var card = json.readTree(receiver.received("/teams").getFirst().body());
        assertThat(card.get("@type").asString()).isEqualTo("MessageCard");
        assertThat(card.get("title").asString()).contains("Test pool");
        assertThat(verifies(receiver.received("/slack").getFirst(), slack.secret())).isTrue();
        assertThat(verifies(receiver.received("/teams").getFirst(), teams.secret())).isTrue();
    }

    private long raiseAlertOf(String operatorCode) {
        long alert = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
        var operator = new OperatorRef(operatorId(operatorCode), operatorCode);
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(new PoolAlertRaised(alert, 1,
                "Test pool of " + operatorCode, Optional.of(operator), AlertKind.LEVEL, PoolLevel.CRITICAL, 10,
                "Ten credentials left.", Instant.now())));
        return alert;
    }
}
