package com.devicecreds.portal.api;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the API tests name in the demo world: the two operators' staff, a pool and a device of
 * Nordkabel that Sunwave never saw, a device of Sunwave, and device IDs that fit Nordkabel's type.
 */
record ApiWorld(String nordkabelType, String nordkabelDevice, String sunwaveDevice, java.util.List<String> nordkabelTypeDevices) {

    static final String NORDKABEL = "op.nordkabel";
    static final String SUNWAVE = "op.sunwave";
    static final String PKI = "pki.anna";
    static final String PM = "pm.clara";
    static final String AUDITOR = "audit.dora";
    static final String ADMIN = "admin.erik";
    /** In the order the access matrix lists expectations. */
    static final java.util.List<String> USERS = java.util.List.of(NORDKABEL, SUNWAVE, PKI, PM, AUDITOR, ADMIN);

    static ApiWorld of(JdbcClient jdbc) {
        String type = jdbc.sql("""
                        select t.code from credential_type t join operator o on o.id = t.owner_operator_id
                        where o.code = 'nordkabel' and t.binding_mode <> 'issued-online'
                          and exists (select 1 from provisioning_event e where e.credential_type_id = t.id)
                        order by t.code limit 1""").query(String.class).single();
        String device = deviceOnlyOf(jdbc, "nordkabel", "sunwave");
        String other = deviceOnlyOf(jdbc, "sunwave", "nordkabel");
        var ids = jdbc.sql("""
                        select distinct e.device_id from provisioning_event e join credential_type t on t.id = e.credential_type_id
                        where t.code = ? limit 3""").param(type).query(String.class).list();
        return new ApiWorld(type, device, other, ids);
    }

    private static String deviceOnlyOf(JdbcClient jdbc, String operator, String other) {
        return jdbc.sql("""
                        select e.device_id from provisioning_event e join operator o on o.id = e.operator_id
                        where o.code = :operator and not exists (
                            select 1 from provisioning_event x join operator p on p.id = x.operator_id
                            where x.device_id = e.device_id and p.code = :other)
                        order by e.occurred_at desc limit 1""")
                .param("operator", operator).param("other", other).query(String.class).single();
    }
}
