package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.ui.MenuViews;
import com.vaadin.browserless.SecuredBrowserlessApplicationContext;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The permission matrix in docs/permission-matrix.md is exactly what the code enforces: the document
 * is compared with the matrix derived from the access annotations, and then every entry is tried,
 * route by route and method by method, for every role.
 */
@PortalTest
class PermissionMatrixTest {

    static final Path DOCUMENT = Path.of("..", "docs", "permission-matrix.md");
    private static final String ALLOWED = "✓";
    private static final String OWN = "own";
    private static final String DENIED = "✗";

    @Autowired
    ApplicationContext spring;
    @Autowired
    JdbcClient jdbc;

    @Test
    void the_document_is_the_matrix_the_annotations_give() throws IOException {
        String expected = document();
        String actual = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        if (!actual.equals(expected)) {
            Path generated = Path.of("target", "permission-matrix.md");
            Files.writeString(generated, expected, StandardCharsets.UTF_8);
            assertThat(actual).as("docs/permission-matrix.md is out of date; the current matrix is in portal/" + generated)
                    .isEqualTo(expected);
        }
    }

    @Test
    void every_service_method_allows_and_denies_each_role_as_the_matrix_says() throws Throwable {
        String operator = newOperator();
        var wrong = new ArrayList<String>();
        for (Method method : serviceMethods()) {
            Set<String> allowed = OperatorDataServices.allowedRoles(method);
            for (String role : Roles.all()) {
                boolean denied = deniedFor(role, operator, method);
                if (denied == allowed.contains(role)) {
                    wrong.add("%s as %s: %s".formatted(OperatorDataServices.signature(method), role,
                            denied ? "denied" : "allowed"));
                }
            }
        }
        assertThat(wrong).as("entries that behave otherwise than the matrix says").isEmpty();
    }

    @Test
    void every_route_opens_or_refuses_for_each_role_as_the_matrix_says() {
        var app = SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
        String pool = jdbc.sql("""
                        select t.id from credential_type t join operator o on o.id = t.owner_operator_id
                        where o.code = 'nordkabel' and t.binding_mode <> 'issued-online' order by t.id limit 1""")
                .query(String.class).single();
        var wrong = new ArrayList<String>();
        try {
            for (var view : routes()) {
                String path = view.getAnnotation(Route.class).value().replace(":typeId", pool)
                        .replaceAll(":id\\([^)]*\\)", "0");
                for (String role : Roles.all()) {
                    boolean opened = opens(app, role, view, path);
                    if (opened != MenuViews.admits(view, role)) {
                        wrong.add("/%s as %s: %s".formatted(path, role, opened ? "opened" : "refused"));
                    }
                }
            }
        } finally {
            app.close();
            SecurityContextHolder.clearContext();
        }
        assertThat(wrong).as("routes that behave otherwise than the matrix says").isEmpty();
    }

    @Test
    void operator_staff_reach_their_own_operators_data_only_wherever_the_matrix_says_own() {
        // TenantIsolationTest tries each of these methods as operator A against operator B's data.
        var own = serviceMethods().stream()
                .filter(m -> OperatorDataServices.SERVICES.contains(m.getDeclaringClass()))
                .filter(m -> OperatorDataServices.allowedRoles(m).contains(Roles.OPERATOR_STAFF))
                .map(OperatorDataServices::signature).toList();
        assertThat(own).isNotEmpty();
        assertThat(OperatorDataServices.publicMethods().stream().map(OperatorDataServices::signature).toList())
                .containsAll(own);
    }

    private boolean deniedFor(String role, String operator, Method method) throws Throwable {
        Authentication user = role.equals(Roles.OPERATOR_STAFF) ? SignedIn.operatorStaff(operator) : SignedIn.withRole(role);
        try (var signedIn = SignedIn.as(user)) {
            Object bean = spring.getBean(method.getDeclaringClass());
            Object[] args = Arrays.stream(method.getParameterTypes()).map(PermissionMatrixTest::argument).toArray();
            method.setAccessible(true); // services of the portal may be package-private classes
            try {
                method.invoke(bean, args);
                return false;
            } catch (java.lang.reflect.InvocationTargetException e) {
                return e.getCause() instanceof AccessDeniedException;
            }
        }
    }

    /** Plausible arguments where the operator-data services need them; otherwise nulls and zeros, since only access matters. */
    private static Object argument(Class<?> type) {
        try {
            return OperatorDataServices.argument(type);
        } catch (IllegalArgumentException unknown) {
            if (type == boolean.class) {
                return false;
            }
            if (type.isPrimitive()) {
                return type == long.class ? -1L : type == int.class ? -1 : (short) -1;
            }
            return null;
        }
    }

    private boolean opens(SecuredBrowserlessApplicationContext<Authentication> app, String role,
            Class<? extends Component> view, String path) {
        Authentication user = role.equals(Roles.OPERATOR_STAFF) ? SignedIn.operatorStaff("nordkabel") : SignedIn.withRole(role);
        var window = app.newUser(user).newWindow();
        try {
            window.activate();
            window.navigate(path, Component.class);
            return view.isInstance(window.getCurrentView());
        } catch (RuntimeException refused) {
            return false;
        }
    }

    /** The whole document, derived from the code. */
    static String document() {
        var md = new StringBuilder("""
                # Permission matrix

                Who may open each page and call each service method, by role. Derived from the access
                annotations and checked entry by entry by `PermissionMatrixTest` (portal): the test fails
                when this file and the code disagree, and writes the current matrix to
                `portal/target/permission-matrix.md`.

                - ✓ allowed; ✗ denied (the page is not shown; the call throws `AccessDeniedException`);
                - **own**: allowed for operator staff with their own operator's data only: another
                  operator's rows are never returned and another operator's pool is "not found", as if it did
                  not exist (checked for each method by `TenantIsolationTest`, as operator A against operator
                  B's data). Pages that operator staff may open show only what these methods return.
                - Roles: `OPERATOR_STAFF` (network operator staff, bound to one operator), `PKI_OPS` (PKI
                  operations), `PROJECT_MANAGER`, `AUDITOR`, `ADMIN` (administrators: no other role's rights
                  come with it).

                ## Pages

                """);
        md.append(header("Route", "View"));
        for (var view : routes()) {
            var cells = new ArrayList<String>(List.of("`/" + view.getAnnotation(Route.class).value() + "`",
                    view.getSimpleName()));
            for (String role : Roles.all()) {
                cells.add(MenuViews.admits(view, role) ? ALLOWED : DENIED);
            }
            md.append(row(cells));
        }
        md.append("\n## Service methods\n\n").append(header("Method", "Module"));
        for (Method method : serviceMethods()) {
            var allowed = OperatorDataServices.allowedRoles(method);
            boolean operatorData = OperatorDataServices.SERVICES.contains(method.getDeclaringClass());
            var cells = new ArrayList<String>(List.of("`" + OperatorDataServices.signature(method) + "`",
                    module(method.getDeclaringClass())));
            for (String role : Roles.all()) {
                cells.add(!allowed.contains(role) ? DENIED
                        : role.equals(Roles.OPERATOR_STAFF) && operatorData ? OWN : ALLOWED);
            }
            md.append(row(cells));
        }
        return md.toString();
    }

    private static String header(String first, String second) {
        var cells = new ArrayList<>(List.of(first, second));
        cells.addAll(Roles.all().stream().map(r -> "`" + r + "`").toList());
        return row(cells) + row(cells.stream().map(c -> "---").toList());
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String module(Class<?> type) {
        String name = type.getPackageName();
        return name.startsWith("com.devicecreds.portal") ? "portal"
                : name.startsWith("com.devicecreds.inventory") ? "inventory-monitor"
                : name.startsWith("com.devicecreds.reporting") ? "reporting" : "audit-log";
    }

    @SuppressWarnings("unchecked")
    static List<Class<? extends Component>> routes() {
        return scan(Route.class).stream()
                .filter(type -> !type.isAnnotationPresent(AnonymousAllowed.class)) // sign-in and error pages
                .<Class<? extends Component>>map(type -> (Class<? extends Component>) type)
                .sorted(Comparator.comparing(type -> type.getAnnotation(Route.class).value()))
                .toList();
    }

    static List<Method> serviceMethods() {
        return scan(Service.class).stream()
                .flatMap(service -> Arrays.stream(service.getDeclaredMethods()))
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !Modifier.isStatic(m.getModifiers()))
                .sorted(Comparator.comparing(OperatorDataServices::signature))
                .toList();
    }

    private static List<Class<?>> scan(Class<? extends java.lang.annotation.Annotation> annotation) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(annotation));
        return scanner.findCandidateComponents("com.devicecreds").stream()
                .<Class<?>>map(candidate -> {
                    try {
                        return Class.forName(candidate.getBeanClassName());
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(type -> !type.getName().contains("Test"))
                .toList();
    }

    private String newOperator() {
        String code = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into operator (code, name) values (?, ?)").params(code, "Matrix " + code).update();
        return code;
    }
}
