package com.devicecreds.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What the API changes or exports is the UI's change, audited by the same services: an alert is
 * acknowledged once, the missing-ID export marks the IDs as sent, the usage CSV and the audit export
 * are recorded exports, and the audit export is signed JSON lines with the trailer.
 */
class ApiChangesTest extends ApiTestSupport {

    @Test
    void pki_operations_acknowledge_an_open_alert_once_and_it_is_audited() {
        int type = jdbc.sql("select id from credential_type where code = ?").param(ApiWorld.of(jdbc).nordkabelType())
                .query(Integer.class).single();
        long alert = jdbc.sql("""
                        insert into inventory_alert (credential_type_id, kind, from_level, to_level, available_at_raise,
                                                     summary, raised_at)
                        values (?, 'LEVEL', 'OK', 'WARNING', 7, 'api test alert', now()) returning id""")
                .param(type).query(Long.class).single();
        var api = client();
        assertThat(ApiClient.json(api.get(ApiWorld.NORDKABEL, "/api/v1/alerts")).findValues("id").stream()
                .map(id -> id.asLong()).toList()).contains(alert);
        assertThat(ApiClient.json(api.get(ApiWorld.SUNWAVE, "/api/v1/alerts")).findValues("id").stream()
                .map(id -> id.asLong()).toList()).doesNotContain(alert);

        var acknowledged = api.post(ApiWorld.PKI, "/api/v1/alerts/" + alert + "/acknowledgement");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(acknowledged).get("acknowledgedBy").asString()).isEqualTo(ApiWorld.PKI);
        assertThat(api.post(ApiWorld.PKI, "/api/v1/alerts/" + alert + "/acknowledgement").statusCode()).isEqualTo(409);
        assertThat(audit("ALERT_ACKNOWLEDGED", "inventory-alert:" + alert)).containsExactly("pki.anna success", "pki.anna failed");
    }

    @Test
    void the_missing_id_export_marks_the_operators_open_ids_as_sent_like_the_uis() {
        // A device that is not on Nordkabel's list asks now: a new missing ID, whatever other tests exported.
        var world = ApiWorld.of(jdbc);
        String device = world.nordkabelDevice().substring(0, world.nordkabelDevice().length() - 4)
                + String.format("%04X", java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
        jdbc.sql("""
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                        server_node, outcome, rejection_reason)
                        select now(), e.operator_id, e.credential_type_id, ?, e.device_id_kind, 'node-test', 'rejected',
                               'not-on-authorized-list'
                        from provisioning_event e where e.device_id = ? limit 1""")
                .params(device, world.nordkabelDevice()).update();
        missingIds.compact();
        var api = client();
        long open = ApiClient.json(api.get(ApiWorld.NORDKABEL, "/api/v1/missing-ids?status=new&limit=200")).get("items").size();
        assertThat(open).isPositive();
        var export = api.post(ApiWorld.NORDKABEL, "/api/v1/operators/nordkabel/missing-ids/exports");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("spreadsheetml"));
        assertThat(Long.parseLong(export.headers().firstValue("X-Export-Rows").orElseThrow())).isGreaterThanOrEqualTo(open);
        assertThat(ApiClient.json(api.get(ApiWorld.NORDKABEL, "/api/v1/missing-ids?status=new")).get("items")).isEmpty();
        var sent = ApiClient.json(api.get(ApiWorld.NORDKABEL, "/api/v1/missing-ids?status=sent&limit=1")).get("items").get(0);
        assertThat(sent.get("sentInExport").isNull()).isFalse();
        assertThat(audit("REPORT_EXPORTED", "missing-ids/nordkabel")).contains("op.nordkabel success");
    }

    @Test
    void the_usage_csv_and_the_audit_export_are_recorded_exports() {
        var api = client();
        var csv = api.get(ApiWorld.PM, "/api/v1/usage/csv?from=2026-01-01&to=2026-12-31&granularity=month&operator=sunwave");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().findFirst()).hasValue("period_start,credential_type,delivered,redelivered,rejected,total");
        assertThat(audit("REPORT_EXPORTED", "usage/sunwave")).contains("pm.clara success");

        var from = java.time.Instant.now().minus(java.time.Duration.ofDays(1)).toString();
        var to = java.time.Instant.now().plusSeconds(60).toString();
        var export = api.get(ApiWorld.AUDITOR, "/api/v1/audit/export?from=" + from + "&to=" + to + "&action=REPORT_EXPORTED");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("X-Next-From")).hasValue(to);
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(line -> assertThat(line).contains("REPORT_EXPORTED"));
        assertThat(lines.getLast()).contains("\"rows\"").contains("\"exported_by\"");
        assertThat(audit("AUDIT_EXPORTED", "audit trail")).contains("audit.dora success");
    }

    private List<String> audit(String action, String target) {
        return jdbc.sql("select actor || ' ' || outcome from audit_event where action = ? and target = ? order by seq")
                .params(action, target).query(String.class).list();
    }
}
