package com.devicecreds.inventory.loading.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private static final Manifest MANIFEST = new Manifest(1, "B-1", "sw-widevine", 10, new byte[32],
            Instant.parse("2026-11-20T10:00:00Z"), "KGF Zurich");

    @Test
    void the_canonical_form_reads_back_as_the_same_manifest() {
        var parsed = ManifestParser.parse(MANIFEST.toBytes());
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.manifest()).contains(MANIFEST);
    }

    @Test
    void every_problem_of_a_manifest_is_listed() {
        String text = new String(MANIFEST.toBytes(), StandardCharsets.UTF_8)
                .replace("record-count=10", "record-count=ten")
                .replace("format-version=1", "format-version=1\ncolour=blue")
                .replace("producing-facility=KGF Zurich\n", "");
        var parsed = ManifestParser.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.manifest()).isEmpty();
        assertThat(parsed.problems()).containsExactly("The manifest has an unknown field 'colour' (line 2).",
                "The manifest lacks the field 'producing-facility'.");
    }

    @Test
    void values_of_the_wrong_form_are_each_named() {
        String text = new String(MANIFEST.toBytes(), StandardCharsets.UTF_8)
                .replace("record-count=10", "record-count=ten")
                .replace("created-at=2026-11-20T10:00:00Z", "created-at=yesterday");
        var parsed = ManifestParser.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.problems()).containsExactly("The manifest's record-count 'ten' is not a whole number.",
                "The manifest's created-at 'yesterday' is not an ISO-8601 UTC time.");
    }
}
