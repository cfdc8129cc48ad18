package com.devicecreds.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A large list is walked page by page with the cursors the API hands out: every row once, in order, then no cursor. */
class ApiPaginationTest extends ApiTestSupport {

    static final int EVENTS = 450;

    @Test
    void a_devices_events_are_walked_through_by_cursor_every_event_once_newest_first() {
        var world = ApiWorld.of(jdbc);
        var event = jdbc.sql("""
                        select operator_id, credential_type_id, device_id_kind from provisioning_event
                        where device_id = ? limit 1""").param(world.nordkabelDevice())
                .query((rs, n) -> new Object[] {rs.getShort(1), rs.getInt(2), rs.getString(3)}).single();
        Instant start = Instant.now().minusSeconds(EVENTS * 60L);
        for (int i = 0; i < EVENTS; i++) {
            jdbc.sql("""
                            insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id,
                                                            device_id_kind, server_node, outcome, rejection_reason)
                            values (?, ?, ?, ?, ?, 'node-test', 'rejected', 'not-on-authorized-list')""")
                    .params(Timestamp.from(start.plusSeconds(i * 60L)), event[0], event[1], world.nordkabelDevice(), event[2])
                    .update();
        }
        long total = jdbc.sql("select count(*) from provisioning_event where device_id = ?").param(world.nordkabelDevice())
                .query(Long.class).single();
        String device = world.nordkabelDevice().toLowerCase();
        var api = client();
        var seen = new ArrayList<String>();
        var pages = 0;
        String cursor = null;
        do {
            var response = api.get(ApiWorld.NORDKABEL, "/api/v1/devices/" + device.toLowerCase() + "/events?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            var page = ApiClient.json(response);
            page.get("items").forEach(item -> seen.add(item.get("occurredAt").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(pages).isEqualTo((int) (total + 99) / 100);
        assertThat(seen).hasSize((int) total).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.<String, Instant>comparing(Instant::parse).reversed());
        assertThat(api.get(ApiWorld.SUNWAVE, "/api/v1/devices/" + device + "/events").statusCode()).isEqualTo(404);
    }

    @Test
    void the_missing_id_pages_together_are_exactly_the_list() {
        missingIds.compact();
        var api = client();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = ApiClient.json(api.get(ApiWorld.PKI, "/api/v1/missing-ids?operator=sunwave&limit=50"
                    + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("items").forEach(m -> seen.add(m.get("credentialType").asString() + "/" + m.get("deviceId").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(pages).isGreaterThan(1);
        assertThat(seen).doesNotHaveDuplicates();
        long total = jdbc.sql("""
                        select count(*) from (select distinct m.credential_type_id, m.device_id from missing_device_id m
                        join operator o on o.id = m.operator_id where o.code = 'sunwave') x""").query(Long.class).single();
        assertThat((long) seen.size()).isEqualTo(total);
    }
}
