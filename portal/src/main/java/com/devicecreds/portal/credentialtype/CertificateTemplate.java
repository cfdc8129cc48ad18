package com.devicecreds.portal.credentialtype;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.devicecreds.portal.typeversion.SettingChange;

/**
 * An operator's template for the certificates an online-issued type makes (the paper's use case 2.5):
 * the validity and the subject attributes besides the common name, which is always the device ID.
 * Blank attributes are left out of the subject.
 */
public record CertificateTemplate(int validityDays, String organization, String organizationalUnit, String locality,
        String stateOrProvince, String country) {

    static final int MAX_VALIDITY_DAYS = 10950;
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    public CertificateTemplate {
        organization = clean(organization);
        organizationalUnit = clean(organizationalUnit);
        locality = clean(locality);
        stateOrProvince = clean(stateOrProvince);
        country = clean(country);
    }

    /** Every problem of the template, in words; empty when it can be proposed. */
    List<String> problems() {
        var problems = new ArrayList<String>();
        if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
            problems.add("The validity must be 1 to " + MAX_VALIDITY_DAYS + " days (30 years).");
        }
        length(problems, "organization (O)", organization, 64);
        length(problems, "organizational unit (OU)", organizationalUnit, 64);
        length(problems, "locality (L)", locality, 128);
        length(problems, "state or province (ST)", stateOrProvince, 128);
        if (!country.isEmpty() && !COUNTRY.matcher(country).matches()) {
            problems.add("The country (C) is a two-letter ISO 3166 code in capitals, such as DE.");
        }
        return problems;
    }

    /** The subject the template gives a device's certificate, in RFC 4514 order (most specific first). */
    public String subjectFor(String deviceId) {
        return subject("CN=" + escape(deviceId));
    }

    /** The subject with a placeholder where the device ID goes, for people to read. */
    public String subjectPattern() {
        return subject("CN=<device ID>");
    }

    private String subject(String commonName) {
        var parts = new ArrayList<String>();
        parts.add(commonName);
        attributes().forEach((name, value) -> parts.add(name + "=" + escape(value)));
        return String.join(", ", parts);
    }

    /** What changed from {@code before} (or from nothing), in words. */
    List<SettingChange> changesFrom(Optional<CertificateTemplate> before) {
        var changes = new ArrayList<SettingChange>();
        String oldValidity = before.map(t -> t.validityDays + " days").orElse(null);
        if (!(validityDays + " days").equals(oldValidity)) {
            changes.add(SettingChange.of("Certificate validity", oldValidity, validityDays + " days"));
        }
        var old = before.map(CertificateTemplate::attributes).orElse(Map.of());
        var now = attributes();
        for (String name : List.of("OU", "O", "L", "ST", "C")) {
            String was = old.get(name);
            String is = now.get(name);
            if (was == null ? is != null : !was.equals(is)) {
                changes.add(SettingChange.of("Certificate subject " + name, was, is));
            }
        }
        return changes;
    }

    Map<String, String> toFields(String prefix) {
        var fields = new LinkedHashMap<String, String>();
        fields.put(prefix + "validityDays", Integer.toString(validityDays));
        fields.put(prefix + "organization", organization);
        fields.put(prefix + "organizationalUnit", organizationalUnit);
        fields.put(prefix + "locality", locality);
        fields.put(prefix + "stateOrProvince", stateOrProvince);
        fields.put(prefix + "country", country);
        return fields;
    }

    static Optional<CertificateTemplate> fromFields(Map<String, String> fields, String prefix) {
        return Optional.ofNullable(fields.get(prefix + "validityDays")).map(days -> new CertificateTemplate(Integer.parseInt(days),
                fields.get(prefix + "organization"), fields.get(prefix + "organizationalUnit"), fields.get(prefix + "locality"),
                fields.get(prefix + "stateOrProvince"), fields.get(prefix + "country")));
    }

    private Map<String, String> attributes() {
        var attributes = new LinkedHashMap<String, String>();
        put(attributes, "OU", organizationalUnit);
        put(attributes, "O", organization);
        put(attributes, "L", locality);
        put(attributes, "ST", stateOrProvince);
        put(attributes, "C", country);
        return attributes;
    }

    private static void put(Map<String, String> attributes, String name, String value) {
        if (!value.isEmpty()) {
            attributes.put(name, value);
        }
    }

    private static void length(List<String> problems, String what, String value, int max) {
        if (value.length() > max) {
            problems.add("The " + what + " has at most " + max + " characters.");
        } else if (CONTROL.matcher(value).find()) {
            problems.add("The " + what + " contains a control character.");
        }
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    /** RFC 4514 escaping of an attribute value. */
    private static String escape(String value) {
        var escaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"\\<>;=".indexOf(c) >= 0 || (i == 0 && (c == '#' || c == ' ')) || (i == value.length() - 1 && c == ' ')) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
