package com.devicecreds.reporting.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.devicecreds.reporting.devices.DeviceIdNotation.Candidate;
import com.devicecreds.reporting.devices.DeviceIdNotation.InvalidDeviceIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Device IDs in the notations people and devices write, and the stored forms they are searched as. */
class DeviceIdNotationTest {

    /** The kinds of V2__device_ids_and_models.sql, MAC first as DeviceIdKinds orders them. */
    private static final Map<String, Pattern> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("mac", Pattern.compile("^[0-9A-F]{12}$"));
        KINDS.put("cert-fingerprint", Pattern.compile("^[0-9A-F]{64}$"));
        KINDS.put("serial", Pattern.compile("^[A-Z0-9-]{6,40}$"));
        KINDS.put("soc-id", Pattern.compile("^[0-9A-F]{16,32}$"));
    }

    private static final String NAMES = "MAC address, Certificate fingerprint, Serial number or SoC ID";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # written as                                                                                        | stored form and its kinds
            aa:bb:cc:dd:ee:ff                                                                                   | AABBCCDDEEFF:mac,serial
            AA:BB:CC:DD:EE:FF                                                                                   | AABBCCDDEEFF:mac,serial
            aa-bb-cc-dd-ee-ff                                                                                   | AABBCCDDEEFF:mac;AA-BB-CC-DD-EE-FF:serial
            aabb.ccdd.eeff                                                                                      | AABBCCDDEEFF:mac,serial
            aabbccddeeff                                                                                        | AABBCCDDEEFF:mac,serial
            '  0c:4f:5a:0a:bb:cc  '                                                                             | 0C4F5A0ABBCC:mac,serial
            0c 4f 5a 0a bb cc                                                                                   | 0C4F5A0ABBCC:mac,serial
            1a2b3c4d5e6f7a8b                                                                                    | 1A2B3C4D5E6F7A8B:serial,soc-id
            1A2B:3C4D:5E6F:7A8B:9C0D:1E2F:3A4B:5C6D                                                             | 1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D:serial,soc-id
            hlx-7q2m9k4v1c8zd                                                                                   | HLX-7Q2M9K4V1C8ZD:serial
            HLX-7Q2M9K4V1C8ZD                                                                                   | HLX-7Q2M9K4V1C8ZD:serial
            '  hlx-7q2m9k4v1c8zd '                                                                              | HLX-7Q2M9K4V1C8ZD:serial
            9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08                                    | 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08:cert-fingerprint
            9F:86:D0:81:88:4C:7D:65:9A:2F:EA:A0:C5:5A:D0:15:A3:BF:4F:1B:2B:0B:82:2C:D1:5D:6C:15:B0:F0:0A:08     | 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08:cert-fingerprint
            """)
    void notations_are_normalized_to_the_stored_form_of_every_kind_they_can_be(String written, String expected) {
        var candidates = DeviceIdNotation.parse(written, KINDS, NAMES);

        assertThat(candidates).containsExactlyElementsOf(parseExpectation(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            aa:bb                       | is not a device ID
            g0:11                       | is not a device ID
            zz                          | is not a device ID
            '   '                       | Enter a device ID
            ''                          | Enter a device ID
            00:11:22:33:44:55;drop      | not ';'
            'ab%cd_ef'                  | not '%_'
            <script>                    | not '<>'
            """)
    void input_that_is_no_device_id_gets_a_message_that_says_why(String written, String message) {
        assertThatThrownBy(() -> DeviceIdNotation.parse(written == null ? "" : written, KINDS, NAMES))
                .isInstanceOf(InvalidDeviceIdException.class).hasMessageContaining(message);
    }

    @Test
    void input_longer_than_any_notation_is_refused_with_its_length() {
        String tooLong = "A".repeat(DeviceIdNotation.MAX_LENGTH + 1);
        assertThatThrownBy(() -> DeviceIdNotation.parse(tooLong, KINDS, NAMES))
                .isInstanceOf(InvalidDeviceIdException.class).hasMessageContaining("101 characters");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            aa:bb:cc:d    | AABBCCD
            0C-4F-5A      | 0C-4F-5A;0C4F5A
            hlx-7q2       | HLX-7Q2;HLX7Q2
            0c4f5a        | 0C4F5A
            """)
    void prefixes_are_searched_as_written_and_without_separators(String written, String expected) {
        assertThat(DeviceIdNotation.prefixes(written)).containsExactly(expected.split(";"));
    }

    @Test
    void a_prefix_shorter_than_six_characters_gets_a_clear_message() {
        assertThatThrownBy(() -> DeviceIdNotation.prefixes("aa:bb"))
                .isInstanceOf(InvalidDeviceIdException.class).hasMessageContaining("at least 6 characters");
        assertThatThrownBy(() -> DeviceIdNotation.prefixes("ab*"))
                .isInstanceOf(InvalidDeviceIdException.class).hasMessageContaining("not '*'");
    }

    @Test
    void a_kind_known_by_its_pattern_alone_normalizes_without_code() {
        var imei = Pattern.compile("^[0-9]{15}$");
        assertThat(DeviceIdNotation.normalize("35-209900-176148-1", imei)).contains("352099001761481");
        assertThat(DeviceIdNotation.normalize("35209900176148", imei)).isEmpty();
    }

    private static List<Candidate> parseExpectation(String expected) {
        return java.util.Arrays.stream(expected.split(";")).map(part -> {
            String[] idAndKinds = part.split(":");
            return new Candidate(idAndKinds[0], List.of(idAndKinds[1].split(",")));
        }).toList();
    }
}
