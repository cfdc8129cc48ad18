package com.devicecreds.portal.demo;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Small credential types, pools and lists of their own, so handler tests do not depend on the demo world's sizes. */
final class TestPools {

    private final JdbcClient jdbc;
    /** The schema's owner: only it makes credentials available outside an activation (V47). */
    private final JdbcClient owner;

    TestPools(JdbcClient jdbc, JdbcClient owner) {
        this.jdbc = jdbc;
        this.owner = owner;
    }

    short operator(String code) {
        return jdbc.sql("select id from operator where code = ?").param(code).query(Short.class).single();
    }

    int newModel() {
        return jdbc.sql("insert into device_model (manufacturer, name) values ('Test Devices', ?) returning id")
                .param("TD-" + UUID.randomUUID()).query(Integer.class).single();
    }

    /** A type owned by and authorized for the operator, with the model authorized and one active batch. */
    Type newType(short owner, String bindingMode, boolean redelivery, boolean listRequired, int model) {
        int type = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind,
                                                     binding_mode, redelivery_allowed, id_list_required)
                        values (?, 'Test type', 'dtcp-ip', ?, 'mac', ?, ?, ?) returning id""")
                .params("test-" + UUID.randomUUID().toString().substring(0, 8), owner, bindingMode, redelivery,
                        listRequired)
                .query(Integer.class).single();
        jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(type, owner)
                .update();
        jdbc.sql("insert into model_authorization (credential_type_id, operator_id, device_model_id) values (?, ?, ?)")
                .params(type, owner, model).update();
        long batch = jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, producing_facility,
                                                      state, submitted_by, activated_at)
                        values (?, ?, 0, 'test', 'active', 'test', now()) returning id""")
                .params("TEST-" + UUID.randomUUID(), type).query(Long.class).single();
        return new Type(type, owner, model, batch);
    }

    void addAvailable(Type type, int count) {
        owner.sql("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, state)
                        select 'T-' || g, ?, ?, '\\x00', 'available' from generate_series(1, ?) g""")
                .params(type.id(), type.batch(), count).update();
    }

    long addPrebound(Type type, String deviceId) {
        return owner.sql("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, prebound_device_id, state)
                        values (?, ?, ?, '\\x00', ?, 'available') returning id""")
                .params("P-" + deviceId, type.id(), type.batch(), deviceId).query(Long.class).single();
    }

    void putOnList(Type type, String deviceId) {
        long part = jdbc.sql("""
                        insert into authorized_list_part (operator_id, credential_type_id, part_number, source_name)
                        values (?, ?, (select coalesce(max(part_number), 0) + 1 from authorized_list_part
                                       where operator_id = ? and credential_type_id = ?), 'test.csv') returning id""")
                .params(type.operator(), type.id(), type.operator(), type.id()).query(Long.class).single();
        jdbc.sql("insert into authorized_device (operator_id, credential_type_id, device_id, part_id) values (?, ?, ?, ?)")
                .params(type.operator(), type.id(), deviceId, part).update();
    }

    DeviceRequest request(Type type, String deviceId) {
        return new DeviceRequest(type.operator(), type.id(), deviceId, type.model(), true, "test-node");
    }

    static String mac(long n) {
        return "02" + DeviceIds.hex(n, 10);
    }

    record Type(int id, short operator, int model, long batch) {
    }
}
