package com.devicecreds.portal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.router.Route;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/CONVENTIONS (layout 1 and 2) over the main code of every module.
 * The Maven side of the same graph is checked by {@link ModuleGraphTest}.
 */
class ArchitectureTest {

    private static final String PORTAL = "com.devicecreds.portal..";
    private static final String INVENTORY = "com.devicecreds.inventory..";
    private static final String REPORTING = "com.devicecreds.reporting..";
    private static final String LOADING = "com.devicecreds.inventory.loading..";
    private static final String[] FEATURE_MODULES = {INVENTORY, REPORTING, LOADING};
    private static final String[] AUDIT_LOG = {"com.devicecreds.audit..", "com.devicecreds.access.."};

    private static final JavaClasses CLASSES = MainCode.CLASSES;
    private static final Pattern MODULE_LOCATION =
            Pattern.compile("/([a-z0-9-]+)/target/classes/|/([a-z0-9-]+)-\\d[^/]*\\.jar!/");

    @Test
    void the_import_sees_the_main_code_of_every_module_and_no_test_code() {
        var packages = CLASSES.stream().map(JavaClass::getPackageName).toList();
        for (String module : List.of("access", "audit", "inventory", "inventory.loading", "reporting", "portal")) {
            assertThat(packages).as(module).anyMatch(p -> p.startsWith("com.devicecreds." + module));
        }
        assertThat(CLASSES.contain(ArchitectureTest.class)).isFalse();
        assertThat(packages).noneMatch(p -> p.startsWith("com.devicecreds.testsupport"));
    }

    @Test
    void feature_modules_never_depend_on_the_portal() {
        noClasses().that().resideInAnyPackage(FEATURE_MODULES)
                .should().dependOnClassesThat().resideInAPackage(PORTAL)
                .check(CLASSES);
    }

    @Test
    void the_audit_log_depends_on_no_feature_module_nor_on_the_portal() {
        noClasses().that().resideInAnyPackage(AUDIT_LOG)
                .should().dependOnClassesThat().resideInAnyPackage(INVENTORY, REPORTING, LOADING, PORTAL)
                .check(CLASSES);
    }

    @Test
    void inventory_does_not_depend_on_reporting() {
        noClasses().that().resideInAPackage(INVENTORY)
                .should().dependOnClassesThat().resideInAPackage(REPORTING)
                .check(CLASSES);
    }

    @Test
    void pools_and_reports_do_not_depend_on_credential_loading() {
        // Loading fills the pools and may use them; the pools, their alerts and the reports never need loading.
        noClasses().that().resideInAnyPackage(INVENTORY, REPORTING).and().resideOutsideOfPackage(LOADING)
                .should().dependOnClassesThat().resideInAPackage(LOADING)
                .check(CLASSES);
        noClasses().that().resideInAPackage(LOADING)
                .should().dependOnClassesThat().resideInAnyPackage(REPORTING)
                .check(CLASSES);
    }

    @Test
    void reporting_does_not_depend_on_inventory() {
        noClasses().that().resideInAPackage(REPORTING)
                .should().dependOnClassesThat().resideInAPackage(INVENTORY)
                .check(CLASSES);
    }

    @Test
    void no_package_is_named_after_a_layer() {
        noClasses().should().resideInAnyPackage(
                        "..services..", "..service..", "..views..", "..view..", "..entities..", "..entity..",
                        "..repositories..", "..repository..", "..controllers..", "..controller..", "..dto..", "..dtos..")
                .because("packages are named by feature, never by layer (CONVENTIONS 1)")
                .check(CLASSES);
    }

    @Test
    void the_inside_of_a_feature_is_used_by_that_feature_only() {
        classes().that().resideInAnyPackage("..internal..", "..ui..")
                .should(beUsedOnlyFromTheirOwnFeature())
                .check(CLASSES);
    }

    @Test
    void views_live_in_the_portal_module() {
        classes().that().areAnnotatedWith(Route.class)
                .should().resideInAPackage(PORTAL)
                .andShould(comeFromModule("portal"))
                .check(CLASSES);
    }

    @Test
    void every_module_holds_only_its_own_packages() {
        var owners = Map.of("com.devicecreds.access", "audit-log", "com.devicecreds.audit", "audit-log",
                "com.devicecreds.inventory", "inventory-monitor", "com.devicecreds.reporting", "reporting",
                "com.devicecreds.portal", "portal");
        for (JavaClass javaClass : CLASSES) {
            var segments = List.of(javaClass.getPackageName().split("\\."));
            String root = String.join(".", segments.subList(0, Math.min(3, segments.size())));
            assertThat(owners).as("module root package of %s", javaClass.getName()).containsKey(root);
            assertThat(moduleOf(javaClass)).as("module of %s", javaClass.getName()).isEqualTo(owners.get(root));
        }
    }

    @Test
    void no_class_writes_to_standard_out_or_standard_error() {
        // Command-line tools (a main class named *Command) answer on the terminal; everything else logs.
        noClasses().that().haveSimpleNameNotEndingWith("Command")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("application code logs through SLF4J")
                .check(CLASSES);
    }

    @Test
    void no_class_needs_a_frontend_build() {
        noClasses().should().beAnnotatedWith(JsModule.class)
                .orShould().beAnnotatedWith(JsModule.Container.class)
                .orShould().beAnnotatedWith(NpmPackage.class)
                .orShould().beAnnotatedWith(NpmPackage.Container.class)
                .orShould().beAnnotatedWith(CssImport.class)
                .orShould().beAnnotatedWith(CssImport.Container.class)
                .because("styling is plain CSS through @StyleSheet; these force a Node.js build (CONVENTIONS 7)")
                .check(CLASSES);
    }

    @Test
    void modules_are_free_of_cycles() {
        slices().matching("com.devicecreds.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void feature_packages_are_free_of_cycles() {
        slices().matching("com.devicecreds.(*).(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** A class in {@code x.y.internal..} or {@code x.y.ui..} may only be used from {@code x.y..}. */
    private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnFeature() {
        return new ArchCondition<>("be used only from their own feature") {
            @Override
            public void check(JavaClass inside, ConditionEvents events) {
                String feature = owningFeature(inside.getPackageName());
                inside.getDirectDependenciesToSelf().stream()
                        .filter(d -> !isWithin(d.getOriginClass().getPackageName(), feature))
                        .forEach(d -> events.add(SimpleConditionEvent.violated(d,
                                d.getDescription() + " reaches into the inside of " + feature)));
            }
        };
    }

    private static ArchCondition<JavaClass> comeFromModule(String module) {
        return new ArchCondition<>("come from the " + module + " module") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String origin = moduleOf(javaClass);
                events.add(new SimpleConditionEvent(javaClass, module.equals(origin),
                        javaClass.getName() + " comes from " + origin));
            }
        };
    }

    /** The Maven module a class was compiled in: {@code <module>/target/classes} or {@code <module>-<version>.jar}. */
    static String moduleOf(JavaClass javaClass) {
        String location = javaClass.getSource().map(source -> source.getUri().toString()).orElse("");
        Matcher m = MODULE_LOCATION.matcher(location);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : "unknown (" + location + ")";
    }

    static String owningFeature(String packageName) {
        var segments = List.of(packageName.split("\\."));
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).equals("internal") || segments.get(i).equals("ui")) {
                return String.join(".", segments.subList(0, i));
            }
        }
        throw new IllegalArgumentException(packageName + " is not inside a feature");
    }

    private static boolean isWithin(String packageName, String feature) {
        return packageName.equals(feature) || packageName.startsWith(feature + ".");
    }
}
