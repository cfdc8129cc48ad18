package com.devicecreds.portal.deviceca;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.inventory.loading.format.Pem;
import com.devicecreds.inventory.loading.sample.SampleCa;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh operator authorized for a fresh credential type, written with SQL, and a device maker's
 * CAs made in the test: a root with a CRL distribution point, a sub-CA without one.
 */
public final class CaWorld {

    public static final Instant NOW = Instant.now();
    public final String run = UUID.randomUUID().toString().substring(0, 8);
    public final OperatorRef operator;
    public final int type;
    public final String typeCode;
    public final SampleCa root;
    public final SampleCa sub;

    public CaWorld(JdbcClient jdbc) {
        short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id")
                .params("ca-" + run, "CA tenant " + run).query(Short.class).single();
        operator = new OperatorRef(id, "ca-" + run);
        typeCode = "ca-type-" + run;
        type = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', ?, 'mac', 'next-available') returning id""")
                .params(typeCode, "Keybox " + run, id).query(Integer.class).single();
        jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(type, id).update();
        root = SampleCa.root("Device Maker " + run, "Root " + run, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)),
                Optional.of("http://pki.example/root-" + run + ".crl"));
        sub = root.subCa("Sub " + run, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1000)), Optional.empty());
    }

    public static byte[] pem(X509Certificate... certificates) {
        var text = new StringBuilder();
        for (var c : certificates) {
            text.append(Pem.encode(c));
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
