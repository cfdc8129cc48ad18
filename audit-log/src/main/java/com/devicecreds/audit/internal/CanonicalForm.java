package com.devicecreds.audit.internal;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical text of an audit row that the chain's MAC covers: a JSON object with sorted keys,
 * no insignificant white space and a fixed escaping, so the same row always yields the same bytes.
 */
public final class CanonicalForm {

    private CanonicalForm() {
    }

    public static String json(Map<String, String> fields) {
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

    /**
     * Reads back a flat object of string values in the canonical form; empty when the text is not
     * exactly that (so nothing half-parsed is ever trusted).
     */
    public static Optional<Map<String, String>> parse(String text) {
        var fields = new TreeMap<String, String>();
        int[] at = {0};
        try {
            expect(text, at, '{');
            if (text.charAt(at[0]) != '}') {
                do {
                    String key = string(text, at);
                    expect(text, at, ':');
                    fields.put(key, string(text, at));
                } while (text.charAt(at[0]) == ',' && ++at[0] > 0);
            }
            expect(text, at, '}');
            return at[0] == text.length() && json(fields).equals(text) ? Optional.of(fields) : Optional.empty();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void expect(String text, int[] at, char c) {
        if (text.charAt(at[0]) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + at[0]);
        }
        at[0]++;
    }

    private static String string(String text, int[] at) {
        expect(text, at, '"');
        var sb = new StringBuilder();
        for (char c = text.charAt(at[0]++); c != '"'; c = text.charAt(at[0]++)) {
            if (c == '\\') {
                char e = text.charAt(at[0]++);
                switch (e) {
                    case '"', '\\' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(text.substring(at[0], at[0] + 4), 16));
                        at[0] += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape at " + at[0]);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public static String hex(byte[] bytes) {
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
