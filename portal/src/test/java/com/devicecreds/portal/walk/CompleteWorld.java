package com.devicecreds.portal.walk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the demo world and the simulator's live traffic do not hold by themselves, added as the
 * provisioning service and PKI operations would have written it, as the schema owner: an operator with
 * no data at all; an operator, a credential type and a device model whose names carry non-Latin
 * characters, quotes and markup; every rejection reason for the two operators with staff accounts;
 * requests for another operator's type, for a revoked authorization and for a revoked device model;
 * late events (recorded days after they happened); batches rejected, expired and withdrawn;
 * a cancelled rollout; webhook endpoints of both operators with staff and a PKI-wide one, with
 * deliveries delivered, retrying and given up. {@link #census} then says what the world holds, so that the walk can prove
 * the world is complete before it trusts a clean walk.
 */
final class CompleteWorld {

    static final String EMPTY_OPERATOR = "leerlauf";
    static final String ODD_OPERATOR_NAME = "Ωμέγα Δίκτυα \"Kabel\" & <b>Söhne</b> 東京";
    static final String ODD_TYPE_NAME = "PlayReady «Bühne» 'Q' <script>alert(1)</script> 日本";
    static final List<String> REASONS = List.of("operator-not-authorized", "model-not-authorized",
            "not-on-authorized-list", "certificate-revoked", "bad-chain-or-signature", "no-credential-for-device",
            "pool-empty", "unknown-model");

    private CompleteWorld() {
    }

    static void add(JdbcClient owner) {
        owner.sql("insert into operator (code, name) values (?, ?)").params(EMPTY_OPERATOR, "Leerlauf Netz GmbH").update();
        short odd = owner.sql("insert into operator (code, name) values ('omega-net', ?) returning id")
                .param(ODD_OPERATOR_NAME).query(Short.class).single();
        int model = owner.sql("insert into device_model (manufacturer, name) values (?, ?) returning id")
                .params("Ü&<i>Box</i>", "\"Mk II\" 型").query(Integer.class).single();
        int oddType = owner.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values ('omega-playready', ?, 'playready-model', ?, 'serial', 'next-available') returning id""")
                .params(ODD_TYPE_NAME, odd).query(Integer.class).single();
        owner.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(oddType, odd).update();
        owner.sql("insert into model_authorization (credential_type_id, operator_id, device_model_id) values (?, ?, ?)")
                .params(oddType, odd, model).update();
        event(owner, odd, oddType, "ÖBX-0000000000A1", model, "delivered", null, "0 days");

        for (String code : List.of("nordkabel", "sunwave")) {
            short operator = owner.sql("select id from operator where code = ?").param(code).query(Short.class).single();
            int own = owner.sql("""
                            select t.id from credential_type t join type_authorization a on a.credential_type_id = t.id
                            where a.operator_id = ? and a.revoked_at is null order by t.id limit 1""")
                    .param(operator).query(Integer.class).single();
            for (String reason : REASONS) {
                event(owner, operator, own, device(code, reason), null, "rejected", reason, "1 hour");
            }
            // A device of this operator asks for another operator's type: refused, and counted as this operator's.
            int foreignType = owner.sql("""
                            select t.id from credential_type t
                            where t.owner_operator_id is not null and t.owner_operator_id <> ? and t.id <> ?
                              and not exists (select 1 from type_authorization a where a.credential_type_id = t.id
                                                                                  and a.operator_id = ?)
                            order by t.id limit 1""")
                    .params(operator, oddType, operator).query(Integer.class).single();
            event(owner, operator, foreignType, device(code, "foreign"), null, "rejected", "operator-not-authorized", "2 hours");
            // Late events: they happened days ago and arrive now.
            event(owner, operator, own, device(code, "late"), null, "delivered", null, "6 days");
            event(owner, operator, own, device(code, "late2"), null, "rejected", "pool-empty", "9 days");
            // A device model removed from this operator's type (removals delete the row), whose devices still ask.
            Integer removed = owner.sql("""
                            delete from model_authorization
                            where (credential_type_id, operator_id, device_model_id) =
                                  (select credential_type_id, operator_id, device_model_id from model_authorization
                                   where credential_type_id = ? and operator_id = ? order by device_model_id desc limit 1)
                            returning device_model_id""")
                    .params(own, operator).query(Integer.class).optional().orElse(null);
            event(owner, operator, own, device(code, "removed-model"), removed, "rejected", "model-not-authorized", "30 minutes");
        }
        // Sunwave's authorization for the odd type, revoked; its devices still ask for it.
        short sunwave = owner.sql("select id from operator where code = 'sunwave'").query(Short.class).single();
        owner.sql("""
                        insert into type_authorization (credential_type_id, operator_id, authorized_at, revoked_at, revoked_by,
                                                        revoke_reason)
                        values (?, ?, now() - interval '30 days', now() - interval '5 days', 'pki.anna', 'Contract ended')""")
                .params(oddType, sunwave).update();
        event(owner, sunwave, oddType, device("sunwave", "revoked"), null, "rejected", "operator-not-authorized", "1 hour");

        batches(owner, oddType);
        owner.sql("""
                        insert into rollout (operator_id, credential_type_id, name, target_devices, window_start, window_end,
                                             project_manager_email, created_by, cancelled_by, cancelled_at, cancel_reason)
                        values (?, ?, ?, 500, current_date, current_date + 30, 'pm.clara@devicecreds.example', 'pm.clara',
                                'pm.felix', now(), 'Firmware <not> ready & "postponed"')""")
                .params(odd, oddType, "Rollout «Ω» <em>one</em>").update();
        webhooks(owner);
    }

    /** Only the PKI-wide endpoint is enabled, for an event the walk never makes: the sender leaves them alone. */
    private static void webhooks(JdbcClient owner) {
        String endpoint = """
                insert into webhook_endpoint (operator_id, name, url, format, event_types, secret_ciphertext, enabled, created_by)
                values ((select id from operator where code = ?), ?, ?, ?, string_to_array(?, ','), '\\x00', ?, 'walk')
                returning id""";
        long pki = owner.sql(endpoint).params(null, "On-call «Ω» <b>pager</b>", "https://localhost:9/pager?team=pki&x=\"1\"",
                "teams", "report.ready,batch.activated", true).query(Long.class).single();
        long nordkabel = owner.sql(endpoint).params("nordkabel", "Nordkabel back office", "https://localhost:9/nordkabel",
                "json", "pool.alert.raised,pool.alert.resolved", false).query(Long.class).single();
        owner.sql(endpoint).params("sunwave", "Sunwave NOC channel", "https://localhost:9/sunwave", "slack",
                "rollout.go_ahead", false).query(Long.class).single();
        String event = """
                insert into webhook_event (event_id, type, operator_id, occurred_at, payload, fanned_out_at)
                values (gen_random_uuid(), 'pool.alert.raised', (select id from operator where code = 'nordkabel'), now(),
                        '{}', now()) returning id""";
        long first = owner.sql(event).query(Long.class).single();
        long second = owner.sql(event).query(Long.class).single();
        String delivery = """
                insert into webhook_delivery (delivery_id, endpoint_id, event_id, operator_id, event_type, body, attempts,
                                              next_attempt_at, last_status, last_error, delivered_at, failed_at)
                values (gen_random_uuid(), ?, ?, (select operator_id from webhook_endpoint where id = ?), 'pool.alert.raised', '{}',
                        ?, now() + interval '5 minutes', ?, ?, ?, ?)""";
        var now = java.sql.Timestamp.from(java.time.Instant.now());
        owner.sql(delivery).params(pki, first, pki, 1, 200, null, now, null).update();
        owner.sql(delivery).params(pki, second, pki, 8, 503, "HTTP 503 <Service Unavailable>", null, now).update();
        owner.sql(delivery).params(nordkabel, first, nordkabel, 2, null, "HttpConnectTimeoutException: timed out", null, null)
                .update();
    }

    private static void batches(JdbcClient owner, int type) {
        // Batches that ended without activation; a staged one comes from a real upload (WorldWalkTest).
        for (String state : List.of("rejected", "expired", "withdrawn")) {
            boolean closed = true;
            owner.sql("""
                            insert into credential_batch (batch_ref, credential_type_id, record_count, manifest_sha256,
                                producing_facility, state, submitted_by, submitted_at, closed_at, closed_note)
                            values (?, ?, 10, sha256(convert_to(?, 'UTF8')), 'KGF «Ω» <1>', ?, 'pki.anna', now() - interval '1 day', ?, ?)""")
                    .params("omega-" + state, type, "omega-" + state, state, closed ? java.sql.Timestamp.from(java.time.Instant.now()) : null,
                            closed ? "Closed as " + state + " <for> the walk" : null)
                    .update();
        }
    }

    private static String device(String operatorCode, String kind) {
        return String.format("%012x", Math.abs((operatorCode + kind).hashCode()) & 0xffffffffffL);
    }

    private static void event(JdbcClient owner, short operator, int type, String device, Integer model, String outcome,
            String reason, String ago) {
        owner.sql("""
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                        device_model_id, server_node, outcome, rejection_reason, credential_id)
                        values (now() - cast(? as interval), ?, ?, ?, (select device_id_kind from credential_type where id = ?),
                                ?, 'opus-a1', ?, ?, ?)""")
                .params(ago, operator, type, device, type, model, outcome, reason, outcome.equals("rejected") ? null : 1L)
                .update();
    }

    /** What the world holds, per kind: printed by the walk and asserted complete. */
    static Map<String, Long> census(JdbcClient owner) {
        var census = new LinkedHashMap<String, Long>();
        for (String code : List.of("nordkabel", "sunwave")) {
            census.put(code + ": rejection reasons", count(owner, """
                    select count(distinct rejection_reason) from provisioning_event e join operator o on o.id = e.operator_id
                    where o.code = '%s'""".formatted(code)));
            census.put(code + ": outcomes", count(owner, """
                    select count(distinct outcome) from provisioning_event e join operator o on o.id = e.operator_id
                    where o.code = '%s'""".formatted(code)));
            census.put(code + ": requests for types it may not see", count(owner, """
                    select count(*) from provisioning_event e join operator o on o.id = e.operator_id
                    join credential_type t on t.id = e.credential_type_id
                    where o.code = '%s' and t.owner_operator_id is not null and t.owner_operator_id <> o.id
                      and not exists (select 1 from type_authorization a where a.credential_type_id = t.id and a.operator_id = o.id)"""
                    .formatted(code)));
        }
        census.put("device ID kinds", count(owner, "select count(distinct device_id_kind) from provisioning_event"));
        census.put("late events", count(owner, "select count(*) from provisioning_event where occurred_at < now() - interval '5 days' and id > (select max(id) - 5000 from provisioning_event)"));
        census.put("batch states", count(owner, "select count(distinct state) from credential_batch"));
        census.put("empty pools", count(owner, """
                select count(*) from credential_type t where t.binding_mode <> 'issued-online'
                and not exists (select 1 from credential c where c.credential_type_id = t.id and c.state = 'available')"""));
        census.put("rollouts cancelled / approved / acknowledged", count(owner, """
                select (count(*) filter (where cancelled_at is not null) > 0)::int + (count(*) filter (where approved_at is not null) > 0)::int
                     + (count(*) filter (where acknowledged_at is not null) > 0)::int from rollout"""));
        census.put("expired or soon-expiring device CAs", count(owner, "select count(*) from device_ca where not_after < now() + interval '30 days'"));
        census.put("revoked authorizations", count(owner, "select count(*) from type_authorization where revoked_at is not null"));
        census.put("requests of removed device models", count(owner, """
                select count(*) from provisioning_event e where e.rejection_reason = 'model-not-authorized'
                and e.device_model_id is not null and not exists (select 1 from model_authorization m
                where m.credential_type_id = e.credential_type_id and m.operator_id = e.operator_id
                  and m.device_model_id = e.device_model_id)"""));
        census.put("webhook endpoints of operators with staff and PKI-wide", count(owner, """
                select (count(distinct coalesce(o.code, 'pki')) = 3)::int from webhook_endpoint w
                left join operator o on o.id = w.operator_id where o.code is null or o.code in ('nordkabel', 'sunwave')"""));
        census.put("webhook delivery states", count(owner, """
                select (count(distinct (delivered_at is null, failed_at is null)) = 3)::int from webhook_delivery"""));
        census.put("operators without any event", count(owner, """
                select count(*) from operator o where not exists (select 1 from provisioning_event e where e.operator_id = o.id)"""));
        return census;
    }

    private static long count(JdbcClient owner, String sql) {
        return owner.sql(sql).query(Long.class).single();
    }
}
