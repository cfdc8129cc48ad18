package com.devicecreds.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.Test;

/**
 * The rules of endpoints: https only, the secret shown once and kept encrypted, operator staff
 * confined to their own operator's endpoints, and every change and test event audited once.
 */
public class WebhookEndpointTest extends WebhookTestSupport {

    /** The methods of {@link WebhookService} these tests try across operators (checked by TenantIsolationTest). */
    public static final Set<String> COVERED = Set.of(
            "WebhookService.endpoints()",
            "WebhookService.subscribableEvents()",
            "WebhookService.register(EndpointDraft)",
            "WebhookService.setEnabled(long, boolean)",
            "WebhookService.delete(long)",
            "WebhookService.sendTest(long)",
            "WebhookService.deliveries(long, int, int)");

    @Test
    @RecordsAudit(AuditAction.WEBHOOK_ENDPOINT_REGISTERED)
    void an_endpoint_must_be_https_and_its_secret_is_shown_once_and_stored_encrypted() {
        assertThatThrownBy(() -> as(NORDKABEL, () -> webhooks.register(new EndpointDraft("Plain", "http://localhost:9/hook",
                WebhookFormat.JSON, Set.of(WebhookEventType.POOL_ALERT_RAISED)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
        assertThatThrownBy(() -> as(NORDKABEL, () -> webhooks.register(new EndpointDraft("Batches", receiver.url("/b"),
                WebhookFormat.JSON, Set.of(WebhookEventType.BATCH_ACTIVATED)))))
                .as("credential batches are PKI-wide events").isInstanceOf(IllegalArgumentException.class);
        assertThat(audit("WEBHOOK_ENDPOINT_REGISTERED", "webhook")).containsExactly("op.nordkabel failed", "op.nordkabel failed");
        assertThat(as(NORDKABEL, webhooks::subscribableEvents)).noneMatch(WebhookEventType::pkiWide).isNotEmpty();
        assertThat(as(PKI, webhooks::subscribableEvents)).contains(WebhookEventType.BATCH_ACTIVATED)
                .doesNotContain(WebhookEventType.TEST);

        var registered = register(NORDKABEL, "/secret", WebhookFormat.JSON, WebhookEventType.ROLLOUT_GO_AHEAD);

        assertThat(registered.secret()).startsWith("whsec_").hasSize("whsec_".length() + 43);
        assertThat(registered.endpoint().operator()).hasValue("nordkabel");
        byte[] stored = jdbc.sql("select secret_ciphertext from webhook_endpoint where id = ?")
                .param(registered.endpoint().id()).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(registered.secret().substring(6, 20));
        assertThat(secrets.decrypt(stored)).isEqualTo(registered.secret());
        assertThat(audit("WEBHOOK_ENDPOINT_REGISTERED", "webhook:" + registered.endpoint().id()))
                .containsExactly("op.nordkabel success");
        assertThat(jdbc.sql("select count(*) from audit_event where details::text like ?")
                .param("%" + registered.secret() + "%").query(Long.class).single()).as("the secret is never audited").isZero();
    }

    @Test
    @RecordsAudit(AuditAction.WEBHOOK_TEST_SENT)
    void the_test_event_reaches_only_its_endpoint_and_staff_of_another_operator_cannot_send_it() throws Exception {
        var own = register(NORDKABEL, "/own", WebhookFormat.JSON, WebhookEventType.REPORT_READY);
        register(NORDKABEL, "/other-own", WebhookFormat.JSON, WebhookEventType.REPORT_READY);
        long id = own.endpoint().id();

        assertThat(as(SUNWAVE, () -> webhooks.sendTest(id))).isFalse();
        assertThat(as(NORDKABEL, () -> webhooks.sendTest(id))).isTrue();
        assertThat(sender.run()).isEqualTo(1);

        assertThat(receiver.received("/own")).singleElement().satisfies(r -> {
            assertThat(r.header("X-Portal-Event")).isEqualTo("test");
            assertThat(verifies(r, own.secret())).isTrue();
            assertThat(r.body()).contains("\"operator\":\"nordkabel\"");
        });
        assertThat(receiver.received("/other-own")).isEmpty();
        assertThat(audit("WEBHOOK_TEST_SENT", "webhook:" + id)).containsExactly("op.sunwave denied", "op.nordkabel success");
    }

    @Test
    @RecordsAudit({AuditAction.WEBHOOK_ENDPOINT_ENABLED, AuditAction.WEBHOOK_ENDPOINT_DISABLED,
            AuditAction.WEBHOOK_ENDPOINT_DELETED})
    void staff_of_another_operator_can_neither_see_nor_change_an_endpoint_and_pki_operations_see_every_one() {
        long nordkabel = register(NORDKABEL, "/n", WebhookFormat.JSON, WebhookEventType.POOL_ALERT_RAISED).endpoint().id();
        long pki = register(PKI, "/p", WebhookFormat.TEAMS, WebhookEventType.BATCH_AWAITING_APPROVAL).endpoint().id();

        assertThat(as(SUNWAVE, webhooks::endpoints)).isEmpty();
        assertThat(as(NORDKABEL, webhooks::endpoints)).extracting(WebhookEndpoint::id).containsExactly(nordkabel);
        assertThat(as(PKI, webhooks::endpoints)).extracting(WebhookEndpoint::id).containsExactly(pki, nordkabel);
        assertThat(as(SUNWAVE, () -> webhooks.setEnabled(nordkabel, false))).isFalse();
        assertThat(as(NORDKABEL, () -> webhooks.setEnabled(pki, false))).as("PKI-wide: not theirs").isFalse();
        assertThat(as(SUNWAVE, () -> webhooks.delete(nordkabel))).isFalse();
        as(NORDKABEL, () -> webhooks.sendTest(nordkabel));
        sender.run();
        assertThat(as(NORDKABEL, () -> webhooks.deliveries(nordkabel, 0, 10))).hasSize(1);
        assertThat(as(SUNWAVE, () -> webhooks.deliveries(nordkabel, 0, 10))).isEmpty();

        assertThat(as(NORDKABEL, () -> webhooks.setEnabled(nordkabel, false))).isTrue();
        assertThat(as(NORDKABEL, webhooks::endpoints)).singleElement().satisfies(e -> assertThat(e.enabled()).isFalse());
        assertThat(as(PKI, () -> webhooks.setEnabled(nordkabel, true))).isTrue();
        assertThat(as(NORDKABEL, () -> webhooks.delete(nordkabel))).isTrue();
        assertThat(as(PKI, webhooks::endpoints)).extracting(WebhookEndpoint::id).containsExactly(pki);

        assertThat(audit("WEBHOOK_ENDPOINT_DISABLED", "webhook:" + nordkabel)).containsExactly("op.sunwave denied",
                "op.nordkabel success");
        assertThat(audit("WEBHOOK_ENDPOINT_DISABLED", "webhook:" + pki)).containsExactly("op.nordkabel denied");
        assertThat(audit("WEBHOOK_ENDPOINT_ENABLED", "webhook:" + nordkabel)).containsExactly("pki.anna success");
        assertThat(audit("WEBHOOK_ENDPOINT_DELETED", "webhook:" + nordkabel)).containsExactly("op.sunwave denied",
                "op.nordkabel success");
    }
}
