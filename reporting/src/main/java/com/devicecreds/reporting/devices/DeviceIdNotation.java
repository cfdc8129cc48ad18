package com.devicecreds.reporting.devices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Device IDs as people and devices write them, normalized to the stored form: upper case, and for
 * kinds whose stored form has no separators (MAC, SoC ID, fingerprint) without the colons, dashes,
 * dots and spaces of the usual notations ({@code aa:bb:cc:dd:ee:ff}, {@code AA-BB-CC-DD-EE-FF},
 * {@code aabb.ccdd.eeff}). Which kinds exist and their stored form are rows of {@code device_id_kind}
 * (a pattern each), so a new kind needs no code: an ID is tried as written (upper-cased) first and
 * without separators second, and kept for every kind whose pattern it then matches.
 */
public final class DeviceIdNotation {

    /** Longer input is no device ID in any notation (a fingerprint with colons has 95 characters). */
    public static final int MAX_LENGTH = 100;
    /** Shorter prefixes would match a large share of all devices. */
    public static final int MIN_PREFIX = 6;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s:.\\-]");
    private static final Pattern ALLOWED = Pattern.compile("[0-9A-Za-z:.\\-\\s]*");
    private static final Pattern PREFIX_AS_WRITTEN = Pattern.compile("[0-9A-Z-]+");
    private static final Pattern PREFIX_WITHOUT_SEPARATORS = Pattern.compile("[0-9A-Z]+");

    private DeviceIdNotation() {
    }

    /** The stored form of a device ID of a kind with the given pattern, or empty when it is no such ID. */
    public static Optional<String> normalize(String raw, Pattern kindPattern) {
        String asWritten = raw.strip().toUpperCase(Locale.ROOT);
        if (kindPattern.matcher(asWritten).matches()) {
            return Optional.of(asWritten);
        }
        String bare = SEPARATORS.matcher(asWritten).replaceAll("");
        return kindPattern.matcher(bare).matches() ? Optional.of(bare) : Optional.empty();
    }

    /**
     * Every stored form the input can be, by kind (kind code to pattern, in the order to report them).
     * Throws {@link InvalidDeviceIdException} with a message for the user when it can be none.
     */
    public static List<Candidate> parse(String raw, Map<String, Pattern> kinds, String kindNames) {
        String input = checked(raw);
        var byId = new LinkedHashMap<String, List<String>>();
        kinds.forEach((kind, pattern) -> normalize(input, pattern)
                .ifPresent(id -> byId.computeIfAbsent(id, k -> new ArrayList<>()).add(kind)));
        if (byId.isEmpty()) {
            throw new InvalidDeviceIdException("'" + input.strip() + "' is not a device ID: expected a " + kindNames + ".");
        }
        return byId.entrySet().stream().map(e -> new Candidate(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /** The stored forms a prefix can be the start of: as written and without separators, at least {@value #MIN_PREFIX} characters. */
    public static List<String> prefixes(String raw) {
        String upper = checked(raw).strip().toUpperCase(Locale.ROOT);
        var forms = new ArrayList<String>();
        if (PREFIX_AS_WRITTEN.matcher(upper).matches()) {
            forms.add(upper);
        }
        String bare = SEPARATORS.matcher(upper).replaceAll("");
        if (PREFIX_WITHOUT_SEPARATORS.matcher(bare).matches() && !forms.contains(bare)) {
            forms.add(bare);
        }
        if (forms.isEmpty()) {
            throw new InvalidDeviceIdException("'" + upper + "' cannot be the start of a device ID.");
        }
        if (forms.stream().allMatch(f -> f.length() < MIN_PREFIX)) {
            throw new InvalidDeviceIdException("Give at least " + MIN_PREFIX + " characters of the device ID to search by "
                    + "its beginning (not counting separators); '" + upper + "' is too short.");
        }
        return forms.stream().filter(f -> f.length() >= MIN_PREFIX).toList();
    }

    private static String checked(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidDeviceIdException("Enter a device ID: a MAC address, SoC ID, serial number or certificate fingerprint.");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidDeviceIdException("That is " + raw.length() + " characters; no device ID is longer than "
                    + MAX_LENGTH + ", even with separators.");
        }
        if (!ALLOWED.matcher(raw).matches()) {
            String odd = raw.codePoints().filter(c -> !ALLOWED.matcher(Character.toString(c)).matches())
                    .limit(3).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            throw new InvalidDeviceIdException("Device IDs have only letters, digits and the separators : - . and space, "
                    + "not '" + odd + "'.");
        }
        return raw;
    }

    /** One stored form the input can be, and the kinds of device ID it is valid for. */
    public record Candidate(String deviceId, List<String> kinds) {
    }

    /** Input that is no device ID, with a message for the user. */
    public static final class InvalidDeviceIdException extends IllegalArgumentException {
        public InvalidDeviceIdException(String message) {
            super(message);
        }
    }
}
