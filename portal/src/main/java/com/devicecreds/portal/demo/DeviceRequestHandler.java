package com.devicecreds.portal.demo;

import static com.devicecreds.portal.demo.ProvisioningOutcome.BAD_CHAIN_OR_SIGNATURE;
import static com.devicecreds.portal.demo.ProvisioningOutcome.CERTIFICATE_REVOKED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.DELIVERED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.MODEL_NOT_AUTHORIZED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.NOT_ON_AUTHORIZED_LIST;
import static com.devicecreds.portal.demo.ProvisioningOutcome.NO_CREDENTIAL_FOR_DEVICE;
import static com.devicecreds.portal.demo.ProvisioningOutcome.OPERATOR_NOT_AUTHORIZED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.POOL_EMPTY;
import static com.devicecreds.portal.demo.ProvisioningOutcome.REDELIVERED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.UNKNOWN_MODEL;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.devicecreds.reporting.devices.DeviceIdNotation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The provisioning service's decision for one request, in one transaction: authorization checks,
 * taking a credential, binding it and recording the provisioning event. A credential is taken with
 * {@code for update skip locked} and bound only while still available, so concurrent requests
 * never bind one credential twice; requests of one device for one type are serialized by an
 * advisory lock, so a device never ends up with two credentials of a type either.
 */
@Component
class DeviceRequestHandler {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final RevocationList revocations;
    private final Map<String, Pattern> idPatterns = new ConcurrentHashMap<>();

    @Autowired
    DeviceRequestHandler(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this(jdbc, transactions, clock, RevocationList.demo());
    }

    DeviceRequestHandler(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
            RevocationList revocations) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.revocations = revocations;
    }

    ProvisioningResult handle(DeviceRequest request) {
        return transaction.execute(status -> decide(request));
    }

    private ProvisioningResult decide(DeviceRequest request) {
        var type = jdbc.sql("""
                        select t.binding_mode, t.redelivery_allowed, t.id_list_required, t.device_id_kind, k.pattern,
                               exists (select 1 from type_authorization a
                                       where a.credential_type_id = t.id and a.operator_id = :operator
                                         and a.revoked_at is null) as authorized
                        from credential_type t join device_id_kind k on k.code = t.device_id_kind
                        where t.id = :type""")
                .param("type", request.credentialTypeId()).param("operator", request.operatorId())
                .query((rs, n) -> new TypeRules(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)))
                .optional().orElseThrow(() -> new IllegalArgumentException("No credential type " + request.credentialTypeId()));
        // Malformed requests are answered as such and are no provisioning event.
        String device = DeviceIdNotation.normalize(request.deviceId(),
                        idPatterns.computeIfAbsent(type.pattern(), Pattern::compile))
                .orElseThrow(() -> new IllegalArgumentException("Not a " + type.idKind() + " device ID: " + request.deviceId()));
        var event = new Event(request, device);
        boolean knownModel = jdbc.sql("select exists (select 1 from device_model where id = ?)")
                .param(request.reportedModel()).query(Boolean.class).single();
        if (!request.signatureValid()) {
            return event.record(BAD_CHAIN_OR_SIGNATURE, null, knownModel);
        }
        if (revocations.isRevoked(device)) {
            return event.record(CERTIFICATE_REVOKED, null, knownModel);
        }
        if (!knownModel) {
            return event.record(UNKNOWN_MODEL, null, false);
        }
        if (!type.operatorAuthorized()) {
            return event.record(OPERATOR_NOT_AUTHORIZED, null, true);
        }
        if (!exists("""
                select 1 from model_authorization
                where credential_type_id = ? and operator_id = ? and device_model_id = ?""",
                request.credentialTypeId(), request.operatorId(), request.reportedModel())) {
            return event.record(MODEL_NOT_AUTHORIZED, null, true);
        }
        if (type.listRequired() && !exists("""
                select 1 from authorized_device where operator_id = ? and credential_type_id = ? and device_id = ?""",
                request.operatorId(), request.credentialTypeId(), device)) {
            return event.record(NOT_ON_AUTHORIZED_LIST, null, true);
        }
        jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))").params(request.credentialTypeId(), device)
                .query((rs, n) -> 1).list();
        Optional<Long> held = jdbc.sql("""
                        select id from credential
                        where credential_type_id = ? and bound_device_id = ? and state = 'bound' order by id limit 1""")
                .params(request.credentialTypeId(), device).query(Long.class).optional();
        if (held.isPresent()) {
            // A type without re-delivery gives each device one credential: asking again gets nothing.
            return type.redelivery() ? event.record(REDELIVERED, held.get(), true)
                    : event.record(NO_CREDENTIAL_FOR_DEVICE, null, true);
        }
        return switch (type.bindingMode()) {
            case "pre-bound" -> take("""
                    select id from credential
                    where credential_type_id = ? and prebound_device_id = ? and state = 'available' for update""",
                    event, NO_CREDENTIAL_FOR_DEVICE, request.credentialTypeId(), device);
            case "next-available" -> take("""
                    select id from credential
                    where credential_type_id = ? and state = 'available' and prebound_device_id is null
                    order by id limit 1 for update skip locked""", event, POOL_EMPTY, request.credentialTypeId());
            case "issued-online" -> issueOnline(event);
            default -> throw new IllegalStateException("Unknown binding mode " + type.bindingMode());
        };
    }

    private ProvisioningResult take(String select, Event event, ProvisioningOutcome none, Object... params) {
        Optional<Long> credential = jdbc.sql(select).params(params).query(Long.class).optional();
        if (credential.isEmpty()) {
            return event.record(none, null, true);
        }
        int bound = jdbc.sql("""
                        update credential set state = 'bound', bound_device_id = ?, bound_at = ?
                        where id = ? and state = 'available'""")
                .params(event.device, event.at, credential.get()).update();
        if (bound != 1) {
            throw new IllegalStateException("Credential " + credential.get() + " was taken by another request");
        }
        return event.record(DELIVERED, credential.get(), true);
    }

    /** Certificates issued at request time: the CA's batch of the type records each one as it is made. */
    private ProvisioningResult issueOnline(Event event) {
        int type = event.request.credentialTypeId();
        Optional<Long> batch = jdbc.sql("""
                        select id from credential_batch where credential_type_id = ? and state = 'active'
                        order by activated_at desc limit 1 for update""")
                .param(type).query(Long.class).optional();
        if (batch.isEmpty()) {
            return event.record(POOL_EMPTY, null, true);
        }
        long id = jdbc.sql("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, state,
                                                bound_device_id, bound_at)
                        values ('ONL-' || upper(replace(gen_random_uuid()::text, '-', '')), ?, ?,
                                uuid_send(gen_random_uuid()), 'bound', ?, ?)
                        returning id""")
                .params(type, batch.get(), event.device, event.at).query(Long.class).single();
        jdbc.sql("update credential_batch set record_count = record_count + 1 where id = ?").param(batch.get()).update();
        return event.record(DELIVERED, id, true);
    }

    private boolean exists(String select, Object... params) {
        return jdbc.sql("select exists (" + select + ")").params(params).query(Boolean.class).single();
    }

    private record TypeRules(String bindingMode, boolean redelivery, boolean listRequired, String idKind,
            String pattern, boolean operatorAuthorized) {
    }

    /** The provisioning event of one request; every decision ends by recording one. */
    private final class Event {
        final DeviceRequest request;
        final String device;
        final Timestamp at = Timestamp.from(clock.instant());

        Event(DeviceRequest request, String device) {
            this.request = request;
            this.device = device;
        }

        ProvisioningResult record(ProvisioningOutcome outcome, Long credential, boolean knownModel) {
            long id = jdbc.sql("""
                            insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id,
                                device_id_kind, device_model_id, server_node, outcome, rejection_reason, credential_id)
                            select ?, ?, t.id, ?, t.device_id_kind, ?, ?, ?, ?, ?
                            from credential_type t where t.id = ?
                            returning id""")
                    .params(at, request.operatorId(), device, knownModel ? request.reportedModel() : null,
                            request.serverNode(), outcome.outcome(), outcome.reason().orElse(null), credential,
                            request.credentialTypeId())
                    .query(Long.class).single();
            return new ProvisioningResult(outcome, Optional.ofNullable(credential), id);
        }
    }
}
