package com.devicecreds.portal.schedules;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import com.devicecreds.access.OperatorRef;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two fresh operators written with SQL, each with its own credential type, contacts and
 * provisioning events on each of the last 40 UTC days, so any last complete week or month has rows.
 */
final class ScheduleWorld {

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final OperatorRef a;
    final OperatorRef b;
    final int typeOfA;
    final int typeOfB;
    final long firstOfA;
    final long secondOfA;
    final long contactOfB;
    private final JdbcClient jdbc;

    ScheduleWorld(JdbcClient jdbc) {
        this.jdbc = jdbc;
        a = operator("sra");
        b = operator("srb");
        typeOfA = type("Keybox A " + run, a);
        typeOfB = type("Keybox B " + run, b);
        firstOfA = contact(a, "Anna Reports", "anna-" + run + "@a.example");
        secondOfA = contact(a, "Arne Reports", "arne-" + run + "@a.example");
        contactOfB = contact(b, "Berit Reports", "berit-" + run + "@b.example");
        events(a, typeOfA, 3);
        events(b, typeOfB, 5);
    }

    String email(long contact) {
        return jdbc.sql("select email from operator_contact where id = ?").param(contact).query(String.class).single();
    }

    private OperatorRef operator(String prefix) {
        String code = prefix + "-" + run;
        short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id")
                .params(code, "Operator " + code).query(Short.class).single();
        return new OperatorRef(id, code);
    }

    private int type(String name, OperatorRef owner) {
        return jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', ?, 'mac', 'next-available') returning id""")
                .params(name.toLowerCase().replace(' ', '-'), name, owner.id()).query(Integer.class).single();
    }

    private long contact(OperatorRef operator, String name, String email) {
        return jdbc.sql("insert into operator_contact (operator_id, name, email, created_by) values (?, ?, ?, 'test') returning id")
                .params(operator.id(), name, email).query(Long.class).single();
    }

    /** Per UTC day of the last 40: {@code perDay} delivered and one rejected request, at noon. */
    private void events(OperatorRef operator, int type, int perDay) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int d = 1; d <= 40; d++) {
            Instant noon = today.minusDays(d).atTime(12, 0).toInstant(ZoneOffset.UTC);
            jdbc.sql("""
                            insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id,
                                                            device_id_kind, server_node, outcome, rejection_reason, credential_id)
                            select cast(? as timestamptz) + make_interval(secs => g), ?, ?, upper(lpad(to_hex(cast(? as integer) * 100000 + g), 12, '0')), 'mac', 'node-test',
                                   case when g = 0 then 'rejected' else 'delivered' end,
                                   case when g = 0 then 'not-on-authorized-list' end,
                                   case when g = 0 then null else 3000000 + g end
                            from generate_series(0, ?) g""")
                    .params(Timestamp.from(noon), operator.id(), type, operator.id() * 100 + d, perDay).update();
        }
    }
}
