package com.devicecreds.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import java.util.UUID;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import com.vaadin.browserless.BrowserlessUIContext;
import com.vaadin.browserless.SecuredBrowserlessApplicationContext;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.RouteConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What each role meets in the UI: the side navigation lists exactly the menu views the role's
 * annotations admit, each of those opens for the role, and the others do not. The expectation
 * comes from the views' own annotations ({@link MenuViews}), so a new view is covered at once.
 */
@PortalTest
class NavigationByRoleTest {

    @Autowired
    ApplicationContext spring;
    @Autowired
    JdbcClient jdbc;

    private SecuredBrowserlessApplicationContext<Authentication> app;

    @BeforeEach
    void browserless() {
        app = SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
    }

    @AfterEach
    void close() {
        app.close();
        SecurityContextHolder.clearContext();
    }

    static List<String> roles() {
        return Roles.all();
    }

    @Test
    void there_are_menu_views_to_check() {
        assertThat(MenuViews.ALL).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void the_side_navigation_lists_exactly_the_menu_views_the_role_may_open(String role) {
        var open = MenuViews.openTo(role);
        assumeFalse(open.isEmpty(), role + " may open no menu view, so it never sees the navigation");
        var window = windowOf(role);
        open(window, open.getFirst());

        var shown = window.find(MainNavigation.class).single().labels();

        assertThat(shown).containsExactlyInAnyOrderElementsOf(open.stream().map(MenuViews::title).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void every_menu_view_the_role_may_open_opens_for_it(String role) {
        var window = windowOf(role);
        for (var view : MenuViews.openTo(role)) {
            open(window, view);
            assertThat(window.getCurrentView()).as("%s opening %s", role, view.getSimpleName()).isInstanceOf(view);
        }
    }

    /** Views are guarded by navigation access control, and left unwrapped by method security (decision 038). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void every_view_and_its_layout_are_the_plain_classes_not_proxies(String role) {
        var window = windowOf(role);
        for (var view : MenuViews.openTo(role)) {
            open(window, view);
            var shown = window.getCurrentView();
            assertThat(shown.getClass()).as("%s opening %s", role, view.getSimpleName()).isEqualTo(view);
            var layout = shown.getElement().getParent().getComponent().orElseThrow();
            assertThat(AopUtils.isAopProxy(layout)).as("the layout of %s", view.getSimpleName()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void no_menu_view_the_role_may_not_open_opens_for_it(String role) {
        var window = windowOf(role);
        for (var view : MenuViews.closedTo(role)) {
            Object shown;
            try {
                open(window, view);
                shown = window.getCurrentView();
            } catch (RuntimeException refused) {
                shown = refused;
            }
            assertThat(shown).as("%s opening %s", role, view.getSimpleName()).isNotInstanceOf(view);
        }
    }

    private BrowserlessUIContext windowOf(String role) {
        var user = role.equals(Roles.OPERATOR_STAFF) ? SignedIn.operatorStaff(newOperator()) : SignedIn.withRole(role);
        return app.newUser(user).newWindow();
    }

    private static void open(BrowserlessUIContext window, Class<? extends Component> view) {
        window.activate();
        window.navigate(RouteConfiguration.forApplicationScope().getUrl(view), Component.class);
    }

    /** Operator staff must name an operator that exists, or CurrentActor refuses them. */
    private String newOperator() {
        String code = "nav-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into operator (code, name) values (?, ?)").params(code, "Navigation test " + code).update();
        return code;
    }
}
