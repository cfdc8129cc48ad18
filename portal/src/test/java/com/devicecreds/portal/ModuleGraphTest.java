package com.devicecreds.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Maven side of the module graph (CONVENTIONS 2): read from the poms themselves, so that a
 * dependency added in a pom cannot bend the graph without this test noticing. Runs in the portal
 * module's directory, as Surefire does.
 */
class ModuleGraphTest {

    private static final String GROUP = "com.devicecreds";
    private static final String PORTAL = "portal";
    private static final String AUDIT_LOG = "audit-log";
    private static final Set<String> FEATURE_MODULES = Set.of("inventory-monitor", "reporting");
    private static final Set<String> RESOURCE_MODULES = Set.of("db-migrations", "themes");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static List<String> modules;
    private static Map<String, List<ProjectDependency>> dependencies;

    record ProjectDependency(String artifactId, String scope, String type) {
        boolean isMain() {
            return scope.equals("compile") || scope.equals("runtime");
        }
    }

    @BeforeAll
    static void readPoms() throws Exception {
        var root = parse(ROOT.resolve("pom.xml"));
        assertThat(text(root, "artifactId")).isEqualTo("credentials-portal-parent");
        modules = children(child(root, "modules"), "module").stream().map(Node::getTextContent).toList();
        dependencies = new HashMap<>();
        for (String module : modules) {
            var pom = parse(ROOT.resolve(module).resolve("pom.xml"));
            var list = new ArrayList<ProjectDependency>();
            var deps = child(pom, "dependencies");
            for (Element dep : deps == null ? List.<Element>of() : children(deps, "dependency")) {
                if (GROUP.equals(text(dep, "groupId"))) {
                    list.add(new ProjectDependency(text(dep, "artifactId"), orDefault(text(dep, "scope"), "compile"),
                            orDefault(text(dep, "type"), "jar")));
                }
            }
            dependencies.put(module, list);
        }
    }

    @Test
    void every_module_of_the_build_has_a_place_in_this_test() {
        var known = new HashSet<>(FEATURE_MODULES);
        known.addAll(RESOURCE_MODULES);
        known.addAll(Set.of(PORTAL, AUDIT_LOG));
        assertThat(modules).containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void no_module_depends_on_the_portal() {
        dependencies.forEach((module, deps) ->
                assertThat(names(deps)).as("dependencies of %s", module).doesNotContain(PORTAL));
    }

    @Test
    void the_portal_depends_on_every_feature_module_and_the_audit_log() {
        var main = names(dependencies.get(PORTAL).stream().filter(ProjectDependency::isMain).toList());
        assertThat(main).containsAll(FEATURE_MODULES).contains(AUDIT_LOG);
    }

    @Test
    void feature_modules_depend_on_the_audit_log_and_on_no_other_module_at_run_time() {
        for (String feature : FEATURE_MODULES) {
            var main = names(dependencies.get(feature).stream().filter(ProjectDependency::isMain).toList());
            assertThat(main).as("main dependencies of %s", feature).containsExactly(AUDIT_LOG);
        }
    }

    @Test
    void feature_modules_do_not_depend_on_each_other_even_in_tests() {
        for (String feature : FEATURE_MODULES) {
            var others = new HashSet<>(FEATURE_MODULES);
            others.remove(feature);
            assertThat(names(dependencies.get(feature))).as("dependencies of %s", feature).doesNotContainAnyElementsOf(others);
        }
    }

    @Test
    void the_audit_log_depends_on_no_other_project_module() {
        var main = dependencies.get(AUDIT_LOG).stream().filter(ProjectDependency::isMain).toList();
        assertThat(main).isEmpty();
        // Its module tests migrate a real database, so the migrations (resources only) are a test dependency.
        assertThat(names(dependencies.get(AUDIT_LOG))).isSubsetOf(RESOURCE_MODULES);
    }

    @Test
    void resource_modules_hold_no_java_sources_and_depend_on_no_module() throws IOException {
        for (String module : RESOURCE_MODULES) {
            assertThat(dependencies.get(module)).as("dependencies of %s", module).isEmpty();
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src"))) {
                assertThat(files.map(Path::toString).filter(f -> f.endsWith(".java") || f.endsWith(".kt")))
                        .as("sources of %s", module).isEmpty();
            }
        }
    }

    @Test
    void the_module_graph_has_no_cycles() {
        var remaining = new HashMap<String, Set<String>>();
        dependencies.forEach((module, deps) -> remaining.put(module, new HashSet<>(names(deps))));
        // Kahn's algorithm: repeatedly remove modules whose dependencies are all removed.
        boolean progress = true;
        while (progress) {
            var leaves = remaining.entrySet().stream()
                    .filter(e -> e.getValue().stream().noneMatch(remaining::containsKey))
                    .map(Map.Entry::getKey).toList();
            leaves.forEach(remaining::remove);
            progress = !leaves.isEmpty();
        }
        assertThat(remaining.keySet()).as("modules on a dependency cycle").isEmpty();
    }

    private static Set<String> names(List<ProjectDependency> deps) {
        return deps.stream().map(ProjectDependency::artifactId).collect(Collectors.toSet());
    }

    private static Element parse(Path pom) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    /** Direct children only: dependencies under dependencyManagement or plugins are not the module's. */
    private static List<Element> children(Element parent, String name) {
        var result = new ArrayList<Element>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                result.add(e);
            }
        }
        return result;
    }

    private static Element child(Element parent, String name) {
        var found = children(parent, name);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static String text(Element parent, String name) {
        var e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
