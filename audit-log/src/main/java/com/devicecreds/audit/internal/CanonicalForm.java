package com.devicecreds.audit.internal;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of an audit row that the chain's MAC covers: a JSON object with sorted keys,
 * no insignificant white space and a fixed escaping, so the same row always yields the same bytes.
 */
final class CanonicalForm {

    private CanonicalForm() {
    }

    static String json(Map<String, String> fields) {
        var sb = new StringBuilder("{");
        var first = true;
        for (var e : new TreeMap<>(fields).entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            quote(sb, e.getKey());
            sb.append(':');
            quote(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
