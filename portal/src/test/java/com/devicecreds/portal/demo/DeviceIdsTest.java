package com.devicecreds.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DeviceIdsTest {

    /** The patterns of V2__device_ids_and_models.sql. */
    private static final Map<String, Pattern> PATTERNS = Map.of(
            "mac", Pattern.compile("^[0-9A-F]{12}$"),
            "soc-id", Pattern.compile("^[0-9A-F]{16,32}$"),
            "serial", Pattern.compile("^[A-Z0-9-]{6,40}$"),
            "cert-fingerprint", Pattern.compile("^[0-9A-F]{64}$"));

    @Test
    void every_kind_of_id_matches_its_pattern_and_no_two_devices_share_one() {
        var ids = new DeviceIds(42);
        for (var kind : PATTERNS.entrySet()) {
            var seen = new HashSet<String>();
            for (int operator = 0; operator < 6; operator++) {
                for (int device = 0; device < 20_000; device++) {
                    var model = DemoCatalog.MODELS.get(device % 2);
                    String id = ids.id(kind.getKey(), operator, device, model);
                    assertThat(id).matches(kind.getValue());
                    assertThat(seen.add(id)).as("%s %s is unique", kind.getKey(), id).isTrue();
                }
            }
        }
    }

    @Test
    void the_same_seed_gives_the_same_ids_and_another_seed_other_ones() {
        var model = DemoCatalog.MODELS.getFirst();
        assertThat(new DeviceIds(7).id("soc-id", 1, 99, model)).isEqualTo(new DeviceIds(7).id("soc-id", 1, 99, model))
                .isNotEqualTo(new DeviceIds(8).id("soc-id", 1, 99, model));
    }

    @Test
    void only_a_normalized_mac_is_reported_colon_separated() {
        assertThat(DeviceIds.colonSeparated("0C4F5A0ABBC")).isEqualTo("0C4F5A0ABBC");
        assertThat(DeviceIds.colonSeparated("HLX-00AB")).isEqualTo("HLX-00AB");
        assertThat(DeviceIds.colonSeparated("0C4F5A0ABBCC")).isEqualTo("0c:4f:5a:0a:bb:cc");
    }
}
