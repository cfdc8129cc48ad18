package com.devicecreds.reporting.devices;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The kinds of device ID of {@code device_id_kind}, read again after a minute so that new rows are picked up. */
@Component
public class DeviceIdKinds {

    private static final Duration FRESH = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private volatile Loaded loaded;

    DeviceIdKinds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The normalized forms a typed device ID can have (one per kind whose pattern it fits).
     *
     * @throws DeviceIdNotation.InvalidDeviceIdException with a message for the user when it fits none
     */
    public java.util.List<String> normalized(String raw) {
        return DeviceIdNotation.parse(raw, patterns(), names()).stream().map(DeviceIdNotation.Candidate::deviceId).toList();
    }

    /** Kind code to pattern, MAC first (what people search for most), then by name. */
    Map<String, Pattern> patterns() {
        return current().patterns();
    }

    /** "MAC address, SoC ID, Serial number or Certificate fingerprint", for messages. */
    String names() {
        return current().names();
    }

    private Loaded current() {
        var now = System.nanoTime();
        var l = loaded;
        if (l == null || now - l.at() > FRESH.toNanos()) {
            l = load(now);
            loaded = l;
        }
        return l;
    }

    private Loaded load(long now) {
        record Kind(String code, String name, String pattern) {
        }
        List<Kind> kinds = jdbc.sql("select code, name, pattern from device_id_kind order by code <> 'mac', name")
                .query((rs, n) -> new Kind(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        var patterns = new LinkedHashMap<String, Pattern>();
        kinds.forEach(k -> patterns.put(k.code(), Pattern.compile(k.pattern())));
        var names = kinds.stream().map(Kind::name).toList();
        String joined = names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
        return new Loaded(now, Collections.unmodifiableMap(patterns), joined);
    }

    private record Loaded(long at, Map<String, Pattern> patterns, String names) {
    }
}
