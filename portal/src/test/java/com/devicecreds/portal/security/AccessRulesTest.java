package com.devicecreds.portal.security;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.lang.annotation.Annotation;
import java.util.List;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.notification.NotificationService;
import com.devicecreds.portal.MainCode;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * "Authorize twice" (CONVENTIONS 9), checked on the annotations: every view and every service
 * method declares who may use it. {@link MethodSecurityEnforcementTest} checks that the service
 * annotations are enforced at run time.
 */
class AccessRulesTest {

    private static final JavaClasses CLASSES = MainCode.CLASSES;
    private static final List<Class<? extends Annotation>> VIEW_ACCESS =
            List.of(RolesAllowed.class, PermitAll.class, AnonymousAllowed.class, DenyAll.class);
    private static final List<Class<? extends Annotation>> METHOD_ACCESS =
            List.of(RolesAllowed.class, PermitAll.class, DenyAll.class, PreAuthorize.class);

    @Test
    void every_view_layout_and_error_view_carries_exactly_one_access_annotation() {
        classes().that().areAnnotatedWith(Route.class)
                .or().areAnnotatedWith(Layout.class)
                .or().areAssignableTo(HasErrorParameter.class)
                .should(carryExactlyOneOf(VIEW_ACCESS))
                .check(CLASSES);
    }

    @Test
    void only_the_login_view_error_views_and_the_layout_allow_anonymous_access() {
        classes().that().areAnnotatedWith(AnonymousAllowed.class)
                .should(satisfy(describe("be the login view, a sign-in page of a login profile, an error view or the layout",
                        c -> showsTheLoginForm(c) || isSignInPageWithoutData(c)
                                || c.isAssignableTo(HasErrorParameter.class) || c.isAnnotatedWith(Layout.class))))
                .check(CLASSES);
    }

    @Test
    void the_layout_around_every_view_exposes_no_operator_data() {
        // The one exception: the notification bell's NotificationService, which answers only for the
        // signed-in user's roles and operator, and which the layout asks only for users with a portal role.
        noClasses().that().areAnnotatedWith(Layout.class)
                .should().transitivelyDependOnClassesThat(describe("are services or feature modules",
                        c -> (c.isAnnotatedWith(Service.class) && !c.isEquivalentTo(NotificationService.class))
                                || c.getPackageName().startsWith("com.devicecreds.inventory")
                                || c.getPackageName().startsWith("com.devicecreds.reporting")))
                .because("the layout may be shown before sign-in; it knows who is signed in, never their data")
                .check(CLASSES);
    }

    @Test
    void every_public_method_of_a_service_has_an_access_rule() {
        methods().that().arePublic()
                .and().areDeclaredInClassesThat().areAnnotatedWith(Service.class)
                .and().areDeclaredInClassesThat().resideInAPackage("com.devicecreds..")
                .should(haveAnAccessRuleOnItselfOrItsClass())
                .check(CLASSES);
    }

    @Test
    void every_role_named_in_an_access_rule_is_a_portal_role() {
        classes().should(nameOnlyPortalRoles()).check(CLASSES);
    }

    private static ArchCondition<JavaClass> carryExactlyOneOf(List<Class<? extends Annotation>> annotations) {
        return new ArchCondition<>("carry exactly one of " + simpleNames(annotations)) {
            @Override
            public void check(JavaClass view, ConditionEvents events) {
                long count = annotations.stream().filter(view::isAnnotatedWith).count();
                events.add(new SimpleConditionEvent(view, count == 1,
                        view.getName() + " carries " + count + " of " + simpleNames(annotations)));
            }
        };
    }

    private static ArchCondition<JavaClass> satisfy(DescribedPredicate<JavaClass> predicate) {
        return new ArchCondition<>(predicate.getDescription()) {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean satisfied = predicate.test(javaClass);
                events.add(new SimpleConditionEvent(javaClass, satisfied,
                        javaClass.getName() + (satisfied ? " does " : " does not ") + predicate.getDescription()));
            }
        };
    }

    /**
     * A page of a login profile shown around sign-in (the Keycloak profile's "sign-in refused" page):
     * it lives in the security package and reaches no service and no feature module.
     */
    private static boolean isSignInPageWithoutData(JavaClass javaClass) {
        return javaClass.getPackageName().startsWith("com.devicecreds.portal.security")
                && javaClass.getDirectDependenciesFromSelf().stream().map(d -> d.getTargetClass())
                        .noneMatch(t -> t.isAnnotatedWith(Service.class)
                                || t.getPackageName().startsWith("com.devicecreds.inventory")
                                || t.getPackageName().startsWith("com.devicecreds.reporting"));
    }

    /** The login view is the one showing the login form; the dev profile registers it as a route at start. */
    private static boolean showsTheLoginForm(JavaClass javaClass) {
        return javaClass.isAssignableTo(Component.class) && javaClass.getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> d.getTargetClass().getPackageName().equals("com.vaadin.flow.component.login"));
    }

    private static ArchCondition<JavaMethod> haveAnAccessRuleOnItselfOrItsClass() {
        return new ArchCondition<>("have an access rule on itself or its class") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean ruled = hasAny(method) || hasAny(method.getOwner());
                events.add(new SimpleConditionEvent(method, ruled,
                        method.getFullName() + (ruled ? " has " : " has no ") + "access rule"));
            }

            private boolean hasAny(CanBeAnnotated annotated) {
                return METHOD_ACCESS.stream().anyMatch(annotated::isAnnotatedWith);
            }
        };
    }

    private static ArchCondition<JavaClass> nameOnlyPortalRoles() {
        return new ArchCondition<>("name only roles of " + Roles.class.getSimpleName()) {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                checkRoles(javaClass.getName(), javaClass.tryGetAnnotationOfType(RolesAllowed.class), events, javaClass);
                for (JavaMethod method : javaClass.getMethods()) {
                    checkRoles(method.getFullName(), method.tryGetAnnotationOfType(RolesAllowed.class), events, method);
                }
            }

            private void checkRoles(String where, java.util.Optional<RolesAllowed> annotation, ConditionEvents events,
                    Object location) {
                annotation.ifPresent(rolesAllowed -> {
                    for (String role : rolesAllowed.value()) {
                        if (!Roles.all().contains(role)) {
                            events.add(SimpleConditionEvent.violated(location, where + " names unknown role " + role));
                        }
                    }
                });
            }
        };
    }

    private static String simpleNames(List<Class<? extends Annotation>> annotations) {
        return annotations.stream().map(a -> "@" + a.getSimpleName()).toList().toString();
    }
}
