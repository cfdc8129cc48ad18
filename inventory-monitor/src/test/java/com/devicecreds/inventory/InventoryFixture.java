package com.devicecreds.inventory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A fresh operator and pool per test, written with SQL as the loader and the provisioning service would. */
public final class InventoryFixture {

    private final JdbcClient jdbc;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    public final short operatorId;
    public final String operatorCode;
    public final int typeId;
    private int batches;
    private int credentials;

    public InventoryFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
        operatorCode = "op-" + run;
        operatorId = jdbc.sql("insert into operator (code, name) values (?, ?) returning id")
                .params(operatorCode, "Operator " + run).query(Short.class).single();
        typeId = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', ?, 'mac', 'next-available') returning id""")
                .params("type-" + run, "Pool " + run, operatorId).query(Integer.class).single();
        jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)")
                .params(typeId, operatorId).update();
    }

    /** Activates a batch of {@code count} available credentials at the given time. */
    public void load(int count, Instant activatedAt) {
        long batch = jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, producing_facility,
                                                      state, submitted_by, activated_at)
                        values (?, ?, ?, 'test-kgf', 'active', 'fixture', ?) returning id""")
                .params("batch-" + run + "-" + ++batches, typeId, count, Timestamp.from(activatedAt))
                .query(Long.class).single();
        jdbc.sql("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, state)
                        select 'cred-' || (:first + g), :type, :batch, convert_to('sealed', 'UTF8'), 'available'
                        from generate_series(1, :count) g""")
                .param("first", credentials).param("type", typeId).param("batch", batch).param("count", count)
                .update();
        credentials += count;
    }

    /** Binds {@code count} available credentials (devices got them) and records one delivered event each. */
    public void deliver(int count, Instant at) {
        jdbc.sql("""
                        with taken as (
                            update credential set state = 'bound', bound_device_id = 'dev-' || id, bound_at = :at
                            where id in (select id from credential where credential_type_id = :type and state = 'available'
                                         order by id limit :count)
                            returning id)
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id,
                                                        device_id_kind, server_node, outcome, credential_id)
                        select :at, :operator, :type, 'dev-' || id, 'mac', 'node-test', 'delivered', id from taken""")
                .param("at", Timestamp.from(at)).param("type", typeId).param("operator", operatorId)
                .param("count", count).update();
    }

    public long available() {
        return jdbc.sql("select count(*) from credential where credential_type_id = ? and state = 'available'")
                .param(typeId).query(Long.class).single();
    }

}
