package com.devicecreds.portal.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.portal.PortalProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook endpoints and their deliveries (docs/decisions/034-webhooks.md). PKI operations register
 * PKI-wide endpoints and manage every endpoint; operator staff register, see and manage their own
 * operator's endpoints only (checked here on every call, and by row-level security beneath). Every
 * change and every test event is audited; an endpoint the caller may not see is denied as if it did
 * not exist.
 */
@Service
@Transactional(readOnly = true)
public class WebhookService {

    private static final String SELECT = """
            select w.id, o.code as operator, w.name, w.url, w.format, w.event_types, w.enabled, w.created_by, w.created_at
            from webhook_endpoint w left join operator o on o.id = w.operator_id""";
    /** Operator staff: their operator's endpoints only; the other roles allowed here: all. */
    private static final String VISIBLE = " (cast(:operator as smallint) is null or w.operator_id = :operator) ";

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;
    private final WebhookSecrets secrets;
    private final WebhookEvents events;
    private final boolean allowHttp;

    WebhookService(JdbcClient jdbc, CurrentActor currentActor, AuditLog auditLog, WebhookSecrets secrets, WebhookEvents events,
            PortalProperties properties) {
        this.jdbc = jdbc;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
        this.secrets = secrets;
        this.events = events;
        this.allowHttp = properties.webhooks().allowHttp();
    }

    /** The endpoints the caller manages, newest first. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS})
    public List<WebhookEndpoint> endpoints() {
        return jdbc.sql(SELECT + " where " + VISIBLE + " order by w.created_at desc, w.id desc")
                .param("operator", currentActor.scope().operatorIdOrNull())
                .query((rs, n) -> endpoint(rs)).list();
    }

    /** The event types the caller may subscribe an endpoint to. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS})
    public List<WebhookEventType> subscribableEvents() {
        return WebhookEventType.subscribable(currentActor.scope().operator().isPresent());
    }

    /**
     * Registers an endpoint for the caller's operator (operator staff) or PKI-wide (PKI operations),
     * with a new secret that is returned this once.
     *
     * @throws IllegalArgumentException with a sentence for the person when the draft is refused (audited as failed)
     */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS})
    @Transactional
    public RegisteredEndpoint register(EndpointDraft draft) {
        Actor actor = currentActor.actor();
        Optional<OperatorRef> operator = actor.scope().operator();
        String problem = problem(draft, operator.isPresent());
        if (problem != null) {
            auditLog.record(AuditRecord.of(actor, AuditAction.WEBHOOK_ENDPOINT_REGISTERED, AuditOutcome.FAILED, "webhook")
                    .withDetail("problem", problem));
            throw new IllegalArgumentException(problem);
        }
        String secret = WebhookSecrets.generate();
        String[] types = draft.events().stream().map(WebhookEventType::code).sorted().toArray(String[]::new);
        long id = jdbc.sql("""
                        insert into webhook_endpoint (operator_id, name, url, format, event_types, secret_ciphertext, created_by)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(operator.map(OperatorRef::id).orElse(null), draft.name().strip(), draft.url().strip(),
                        draft.format().code(), types, secrets.encrypt(secret), actor.username())
                .query(Long.class).single();
        var endpoint = find(id).orElseThrow();
        auditLog.record(audit(actor, AuditAction.WEBHOOK_ENDPOINT_REGISTERED, AuditOutcome.SUCCESS, id, Optional.of(endpoint))
                .withDetail("format", draft.format().code()).withDetail("events", List.of(types)));
        return new RegisteredEndpoint(endpoint, secret);
    }

    /** Enables or disables an endpoint; false (audited as denied) for one the caller may not see. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS})
    @Transactional
    public boolean setEnabled(long endpointId, boolean enabled) {
        var endpoint = find(endpointId);
        endpoint.ifPresent(e -> jdbc.sql("update webhook_endpoint set enabled = ? where id = ?").params(enabled, endpointId).update());
        return audited(enabled ? AuditAction.WEBHOOK_ENDPOINT_ENABLED : AuditAction.WEBHOOK_ENDPOINT_DISABLED, endpointId, endpoint);
    }

    /** Deletes an endpoint with its delivery history; false (audited as denied) for one the caller may not see. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS})
    @Transactional
    public boolean delete(long endpointId) {
        var endpoint = find(endpointId);
        endpoint.ifPresent(e -> jdbc.sql("delete from webhook_endpoint where id = ?").param(endpointId).update());
        return audited(AuditAction.WEBHOOK_ENDPOINT_DELETED, endpointId, endpoint);
    }

    /** Queues a test event for this endpoint only; the sender delivers it within seconds. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS})
    @Transactional
    public boolean sendTest(long endpointId) {
        var endpoint = find(endpointId);
        endpoint.ifPresent(e -> events.raiseTest(endpointId, currentActor.scope().operator()));
        return audited(AuditAction.WEBHOOK_TEST_SENT, endpointId, endpoint);
    }

    /** An endpoint's deliveries, newest first; nothing for an endpoint the caller may not see. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS})
    public List<WebhookDelivery> deliveries(long endpointId, int offset, int limit) {
        return jdbc.sql("""
                        select d.id, d.delivery_id, d.event_type, d.created_at, d.attempts, d.next_attempt_at, d.last_status,
                               d.last_error, d.delivered_at, d.failed_at
                        from webhook_delivery d join webhook_endpoint w on w.id = d.endpoint_id
                        where d.endpoint_id = :id and """ + VISIBLE + """
                         order by d.created_at desc, d.id desc offset :offset limit :limit""")
                .param("id", endpointId).param("operator", currentActor.scope().operatorIdOrNull())
                .param("offset", offset).param("limit", limit)
                .query((rs, n) -> delivery(rs)).list();
    }

    private Optional<WebhookEndpoint> find(long id) {
        return jdbc.sql(SELECT + " where w.id = :id and " + VISIBLE).param("id", id)
                .param("operator", currentActor.scope().operatorIdOrNull())
                .query((rs, n) -> endpoint(rs)).optional();
    }

    private boolean audited(AuditAction action, long id, Optional<WebhookEndpoint> endpoint) {
        auditLog.record(audit(currentActor.actor(), action, endpoint.isPresent() ? AuditOutcome.SUCCESS : AuditOutcome.DENIED,
                id, endpoint));
        return endpoint.isPresent();
    }

    /** Names the endpoint's host, never its whole address: a Slack or Teams address is itself a secret. */
    private static AuditRecord audit(Actor actor, AuditAction action, AuditOutcome outcome, long id,
            Optional<WebhookEndpoint> endpoint) {
        var record = AuditRecord.of(actor, action, outcome, "webhook:" + id);
        if (endpoint.isPresent()) {
            record = record.withDetail("name", endpoint.get().name()).withDetail("scope", endpoint.get().scope())
                    .withDetail("host", URI.create(endpoint.get().url()).getHost());
        }
        return record;
    }

    private String problem(EndpointDraft draft, boolean forOperator) {
        if (draft == null || draft.name() == null || draft.name().isBlank() || draft.name().strip().length() > 100) {
            return "Give the endpoint a name of 1 to 100 characters.";
        }
        if (draft.format() == null) {
            return "Choose a payload format.";
        }
        if (draft.events().isEmpty()) {
            return "Choose at least one event.";
        }
        var allowed = WebhookEventType.subscribable(forOperator);
        if (!allowed.containsAll(draft.events())) {
            return "Operator endpoints receive the operator's events only: " + allowed.stream()
                    .map(WebhookEventType::label).collect(Collectors.joining(", ")) + ".";
        }
        return urlProblem(draft.url());
    }

    private String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            return "The address is not a valid URL.";
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = allowHttp && "http".equalsIgnoreCase(uri.getScheme());
        if (!https && !http) {
            return "The address must start with https://" + (allowHttp ? " or http://" : "") + ".";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "The address needs a host name.";
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return "The address must not carry a user name, password or fragment.";
        }
        return uri.toString().length() > 2000 ? "The address is longer than 2000 characters." : null;
    }

    private static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
        var types = Arrays.stream((String[]) rs.getArray("event_types").getArray()).map(WebhookEventType::ofCode)
                .flatMap(Optional::stream).collect(Collectors.toSet());
        return new WebhookEndpoint(rs.getLong("id"), Optional.ofNullable(rs.getString("operator")), rs.getString("name"),
                rs.getString("url"), WebhookFormat.ofCode(rs.getString("format")), types, rs.getBoolean("enabled"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }

    private static WebhookDelivery delivery(ResultSet rs) throws SQLException {
        Optional<java.time.Instant> delivered = instant(rs.getTimestamp("delivered_at"));
        boolean dead = rs.getTimestamp("failed_at") != null;
        int attempts = rs.getInt("attempts");
        var status = delivered.isPresent() ? WebhookDelivery.Status.DELIVERED : dead ? WebhookDelivery.Status.DEAD
                : attempts > 0 ? WebhookDelivery.Status.RETRYING : WebhookDelivery.Status.PENDING;
        boolean waiting = status == WebhookDelivery.Status.PENDING || status == WebhookDelivery.Status.RETRYING;
        return new WebhookDelivery(rs.getLong("id"), rs.getObject("delivery_id", UUID.class), rs.getString("event_type"),
                rs.getTimestamp("created_at").toInstant(), status, attempts,
                Optional.ofNullable((Integer) rs.getObject("last_status", Integer.class)),
                Optional.ofNullable(rs.getString("last_error")),
                waiting ? instant(rs.getTimestamp("next_attempt_at")) : Optional.empty(), delivered);
    }

    private static Optional<java.time.Instant> instant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }
}
