package com.devicecreds.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.devicecreds.audit.AuditAction;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of auditable actions: docs/audit-catalogue.md lists exactly the actions of
 * {@link AuditAction} with their meanings, and every action has a test, in any module, that checks it
 * is recorded exactly once with the right actor and outcome (marked {@code @RecordsAudit}).
 */
class AuditCatalogueTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCUMENT = ROOT.resolve("docs/audit-catalogue.md");
    private static final Pattern MARK = Pattern.compile("@RecordsAudit\\(\\{?([^)}]*)\\}?\\)");

    @Test
    void the_document_lists_exactly_the_catalogue() throws IOException {
        var md = new StringBuilder("""
                # Audit event catalogue

                Every administrative and security action records exactly one audit event per attempt, with
                its outcome: `success`, `denied` or `failed`. This list is `AuditAction` in the audit-log
                module; `AuditCatalogueTest` (portal) keeps the two equal and requires, for every action, a
                test that checks it is recorded exactly once with the right actor and outcome.

                | Action | Meaning |
                | --- | --- |
                """);
        for (AuditAction action : AuditAction.values()) {
            md.append("| `").append(action.name()).append("` | ").append(action.meaning()).append(" |\n");
        }
        String actual = Files.exists(DOCUMENT) ? Files.readString(DOCUMENT, StandardCharsets.UTF_8) : "";
        if (!actual.equals(md.toString())) {
            Files.writeString(Path.of("target", "audit-catalogue.md"), md, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("docs/audit-catalogue.md is out of date; the current list is in portal/target/audit-catalogue.md")
                .isEqualTo(md.toString());
    }

    @Test
    void every_action_has_a_test_that_it_is_recorded_exactly_once() throws IOException {
        Set<AuditAction> tested = EnumSet.noneOf(AuditAction.class);
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path testSources : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(testSources)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        var marks = MARK.matcher(Files.readString(file, StandardCharsets.UTF_8));
                        while (marks.find()) {
                            Arrays.stream(marks.group(1).split(","))
                                    .map(name -> name.strip().replace("AuditAction.", ""))
                                    .filter(name -> !name.isEmpty())
                                    .forEach(name -> tested.add(AuditAction.valueOf(name)));
                        }
                    }
                }
            }
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(tested)))
                .as("actions without a @RecordsAudit test").isEmpty();
    }
}
