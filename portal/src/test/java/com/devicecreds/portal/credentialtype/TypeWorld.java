package com.devicecreds.portal.credentialtype;

import java.util.Optional;
import java.util.UUID;

import com.devicecreds.access.OperatorRef;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A fresh operator and a fresh type it owns and is authorized for, written with SQL. */
public final class TypeWorld {

    public final String run = UUID.randomUUID().toString().substring(0, 8);
    public final OperatorRef operator;
    public final int type;
    public final String typeCode;

    public TypeWorld(JdbcClient jdbc, String kind, String bindingMode) {
        short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id")
                .params("ct-" + run, "Type tenant " + run).query(Short.class).single();
        operator = new OperatorRef(id, "ct-" + run);
        typeCode = "ct-type-" + run;
        type = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, ?, ?, 'mac', ?) returning id""")
                .params(typeCode, "Type " + run, kind, id, bindingMode).query(Integer.class).single();
        jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(type, id).update();
    }

    public static TypeWorld keybox(JdbcClient jdbc) {
        return new TypeWorld(jdbc, "widevine-keybox", "next-available");
    }

    public static TypeWorld onlineCertificates(JdbcClient jdbc) {
        return new TypeWorld(jdbc, "x509-device", "issued-online");
    }

    /** The settings a new shared type of this run would have. */
    public TypeSettings newShared(String suffix) {
        return new TypeSettings("new-" + run + suffix, "New type " + run, "dtcp-ip", Optional.empty(), "serial", "pre-bound", false,
                true, "x25519", "unique-per-device", 2);
    }
}
