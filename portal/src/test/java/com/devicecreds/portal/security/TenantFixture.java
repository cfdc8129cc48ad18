package com.devicecreds.portal.security;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.devicecreds.access.OperatorRef;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes a small, fully known tenant world with SQL, as the loader and the provisioning service
 * would: operators, credential types, an active batch with available and bound credentials, and
 * provisioning events. Codes are unique per run, so the fixture lives beside any demo world.
 */
final class TenantFixture {

    private final JdbcClient jdbc;
    /** The schema's owner: only it makes credentials available outside an activation (V47). */
    private final JdbcClient owner;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    TenantFixture(JdbcClient jdbc, JdbcClient owner) {
        this.jdbc = jdbc;
        this.owner = owner;
    }

    OperatorRef operator(String prefix) {
        String code = prefix + "-" + run;
        short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id")
                .params(code, "Tenant " + code).query(Short.class).single();
        return new OperatorRef(id, code);
    }

    /** A credential type owned by the operator (empty owner: a shared type), authorized for its owner. */
    Type type(String name, OperatorRef owner) {
        String code = name + "-" + run;
        int id = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', ?, 'mac', 'next-available') returning id""")
                .params(code, "Type " + code, owner == null ? null : owner.id()).query(Integer.class).single();
        if (owner != null) {
            authorize(new Type(id, code), owner);
        }
        return new Type(id, code);
    }

    void authorize(Type type, OperatorRef operator) {
        jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)")
                .params(type.id(), operator.id()).update();
    }

    /** One active batch with {@code available} unbound and {@code bound} delivered credentials. */
    void load(Type type, int available, int bound) {
        long batch = jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, producing_facility,
                                                      state, submitted_by, activated_at)
                        values (?, ?, ?, 'test-kgf', 'active', 'fixture', now()) returning id""")
                .params("batch-" + type.code(), type.id(), available + bound).query(Long.class).single();
        for (int i = 0; i < available + bound; i++) {
            boolean isBound = i >= available;
            owner.sql("""
                            insert into credential (credential_ref, credential_type_id, batch_id, payload, state,
                                                    bound_device_id, bound_at)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params("cred-" + i, type.id(), batch, ("sealed-" + i).getBytes(StandardCharsets.UTF_8),
                            isBound ? "bound" : "available", isBound ? mac(type.id(), i) : null,
                            isBound ? Timestamp.from(Instant.now()) : null)
                    .update();
        }
    }

    /** Provisioning events of one outcome; {@code reason} only for rejections. */
    void events(OperatorRef operator, Type type, String outcome, String reason, int count, Duration ago) {
        for (int i = 0; i < count; i++) {
            jdbc.sql("""
                            insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id,
                                                            device_id_kind, server_node, outcome, rejection_reason, credential_id)
                            values (?, ?, ?, ?, 'mac', 'node-test', ?, ?, ?)""")
                    .params(Timestamp.from(Instant.now().minus(ago).minusSeconds(i)), operator.id(), type.id(),
                            mac(operator.id(), i), outcome, reason, reason == null ? 1_000_000L + i : null)
                    .update();
        }
    }

    /** One provisioning request of a given device. */
    void deviceEvent(OperatorRef operator, Type type, String deviceId, String outcome, String reason, Duration ago) {
        jdbc.sql("""
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id,
                                                        device_id_kind, server_node, outcome, rejection_reason, credential_id)
                        values (?, ?, ?, ?, 'mac', 'node-test', ?, ?, ?)""")
                .params(Timestamp.from(Instant.now().minus(ago)), operator.id(), type.id(), deviceId, outcome, reason,
                        reason == null ? 2_000_000L : null)
                .update();
    }

    /** The device on the operator's authorized list of the type, in part 1 of that list. */
    void authorizedDevice(OperatorRef operator, Type type, String deviceId) {
        long part = jdbc.sql("""
                        insert into authorized_list_part (operator_id, credential_type_id, part_number, source_name)
                        values (?, ?, 1, 'fixture.csv')
                        on conflict (operator_id, credential_type_id, part_number) do update set source_name = excluded.source_name
                        returning id""")
                .params(operator.id(), type.id()).query(Long.class).single();
        jdbc.sql("insert into authorized_device (operator_id, credential_type_id, device_id, part_id) values (?, ?, ?, ?)")
                .params(operator.id(), type.id(), deviceId, part).update();
    }

    /** A MAC no other fixture or demo device has. */
    String uniqueMac() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(java.util.Locale.ROOT);
    }

    /** One open LEVEL alert (OK to WARNING) of the type, as the alert engine writes it. */
    long alert(Type type) {
        return jdbc.sql("""
                        insert into inventory_alert (credential_type_id, kind, from_level, to_level, available_at_raise,
                                                     summary, raised_at)
                        values (?, 'LEVEL', 'OK', 'WARNING', 7, 'test alert', now()) returning id""")
                .param(type.id()).query(Long.class).single();
    }

    private static String mac(int prefix, int i) {
        return String.format("%06X%06X", prefix & 0xFFFFFF, i);
    }

    record Type(int id, String code) {
    }
}
