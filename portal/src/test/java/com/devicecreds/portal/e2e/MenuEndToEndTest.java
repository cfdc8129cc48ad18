package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.dev.DemoPeople;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Each demo account sees exactly the menu entries its role may open. The expectation is read from
 * the route classes' {@code @Menu} and access annotations, so new views are covered without
 * touching this test.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MenuEndToEndTest {

    @LocalServerPort
    int port;

    /** The menu is markup shared by sessions (decision 040): its links still navigate inside the page, and mark the current entry. */
    @Test
    void a_menu_entry_opens_its_page_without_reloading_it_and_becomes_the_current_entry() {
        try (var browser = new Browser(port)) {
            browser.signIn("pki.anna", DemoPeople.PASSWORD);
            browser.waitFor(By.cssSelector("vaadin-side-nav.main-nav vaadin-side-nav-item[current]"));
            assertThat(browser.script("return document.querySelector('vaadin-side-nav-item[current]').textContent.trim()"))
                    .isEqualTo("Dashboard");
            browser.script("window.sameDocument = true");

            browser.script("[...document.querySelectorAll('vaadin-side-nav-item')].find(i => i.textContent.trim() === 'Usage')"
                    + ".shadowRoot.querySelector('a').click()");
            browser.waitFor(By.cssSelector(".usage-view"));
            browser.waitUntil("document.querySelector('vaadin-side-nav-item[current]').textContent.trim() === 'Usage'");

            assertThat(browser.currentUrl()).endsWith("/reports/usage");
            assertThat(browser.script("return window.sameDocument === true")).as("navigated without a page load").isEqualTo(true);
            assertThat(browser.all(By.cssSelector("vaadin-side-nav-item[current]"))).hasSize(1);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void every_demo_account_sees_exactly_the_menu_entries_of_its_role() throws ClassNotFoundException {
        List<MenuRoute> routes = menuRoutes();
        assertThat(routes).isNotEmpty();
        List<DemoPeople.Person> accounts = DemoPeople.all();
        assertThat(accounts).hasSizeGreaterThanOrEqualTo(5);
        for (DemoPeople.Person account : accounts) {
            List<String> expected = routes.stream().filter(r -> r.allows(account.role())).map(MenuRoute::title)
                    .toList();
            // A fresh browser per account: no session, cookie or stored theme carries over.
            try (var browser = new Browser(port)) {
                browser.signIn(account.username(), DemoPeople.PASSWORD);
                if (!expected.isEmpty()) {
                    browser.waitFor(By.cssSelector("vaadin-side-nav.main-nav vaadin-side-nav-item"));
                }
                List<String> shown = browser.all(By.cssSelector("vaadin-side-nav.main-nav vaadin-side-nav-item"))
                        .stream().map(WebElement::getText).map(String::strip).toList();

                assertThat(browser.currentUrl()).as("%s signed in", account.username()).doesNotContain("/login");
                assertThat(shown).as("menu of %s (%s)", account.username(), account.role())
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    private record MenuRoute(String title, List<String> roles, boolean anyone) {
        boolean allows(String role) {
            return anyone || roles.contains(role);
        }
    }

    private static List<MenuRoute> menuRoutes() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        var routes = new ArrayList<MenuRoute>();
        for (var candidate : scanner.findCandidateComponents("com.devicecreds")) {
            Class<?> view = Class.forName(candidate.getBeanClassName());
            Menu menu = view.getAnnotation(Menu.class);
            if (menu == null || view.isAnnotationPresent(DenyAll.class)) {
                continue;
            }
            String title = !menu.title().isEmpty() ? menu.title()
                    : view.isAnnotationPresent(PageTitle.class) ? view.getAnnotation(PageTitle.class).value()
                    : view.getSimpleName();
            RolesAllowed allowed = view.getAnnotation(RolesAllowed.class);
            boolean anyone = view.isAnnotationPresent(PermitAll.class) || view.isAnnotationPresent(AnonymousAllowed.class);
            routes.add(new MenuRoute(title, allowed == null ? List.of() : Arrays.asList(allowed.value()), anyone));
        }
        return routes;
    }
}
