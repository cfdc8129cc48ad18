package com.devicecreds.inventory.loading;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.devicecreds.inventory.loading.format.Pem;
import com.devicecreds.inventory.loading.sample.Facility;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Operators, credential types and trusted facilities for loading tests, written with SQL; codes unique per run. */
public final class LoadingFixture {

    private final JdbcClient jdbc;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    public LoadingFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Type(int id, String code) {
    }

    /** A credential type of a new operator; binding mode pre-bound, next-available or issued-online. */
    public Type type(String name, String bindingMode, String deviceIdKind) {
        String code = name + "-" + run;
        short operator = jdbc.sql("insert into operator (code, name) values (?, ?) returning id")
                .params("op-" + code, "Operator " + code).query(Short.class).single();
        int id = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', ?, ?, ?) returning id""")
                .params(code, "Type " + code, operator, deviceIdKind, bindingMode).query(Integer.class).single();
        jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(id, operator).update();
        return new Type(id, code);
    }

    /** A self-signed facility valid from yesterday for a year. */
    public static Facility facility(String name) {
        Instant now = Instant.now();
        return Facility.selfSigned(name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** Trusts the facility's certificate directly in the table (also an expired one, which the service refuses). */
    public void trust(Facility facility) {
        var cert = facility.chain().getLast();
        jdbc.sql("""
                        insert into trusted_facility_certificate (fingerprint_sha256, subject, issuer, not_before, not_after,
                                                                  certificate_pem, added_by)
                        values (?, ?, ?, ?, ?, ?, 'fixture') on conflict (fingerprint_sha256) do nothing""")
                .params(Pem.fingerprint(cert), cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                        Timestamp.from(cert.getNotBefore().toInstant()), Timestamp.from(cert.getNotAfter().toInstant()),
                        Pem.encode(cert))
                .update();
    }

    /** The pool's counts from the counters: {staged, available}. */
    public long[] counts(Type type) {
        return jdbc.sql("select coalesce(sum(staged), 0), coalesce(sum(available), 0) from pool_count_now where credential_type_id = ?")
                .param(type.id()).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }
}
