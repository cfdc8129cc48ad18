package com.devicecreds.portal.ui;

import java.util.Optional;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.core.env.Environment;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.notification.NotificationBell;
import com.devicecreds.portal.notification.NotificationService;

/**
 * The shell around every view: navigation built from each view's {@code @Menu} entry (only the
 * entries the user's roles may open), the view's title, the theme switch and the user menu.
 */
@Layout
@AnonymousAllowed
class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 viewTitle = new H1();
    private final Optional<NotificationBell> bell;

    MainLayout(CurrentActor currentActor, AuthenticationContext authentication, NotificationService notifications,
            Environment environment) {
        setPrimarySection(Section.DRAWER);
        addToDrawer(brand(), new Scroller(navigation()));

        viewTitle.addClassName("view-title");
        var spacer = new Div();
        spacer.addClassName("navbar-spacer");
        var actor = currentActor.actor();
        // Only users with a portal role have notifications; the layout also frames error pages.
        bell = Roles.all().stream().anyMatch(actor::hasRole)
                ? Optional.of(new NotificationBell(notifications)) : Optional.empty();
        addToNavbar(new DrawerToggle(), viewTitle, spacer);
        bell.ifPresent(this::addToNavbar);
        // Personal API tokens exist in the development run only (decision 031), for users with a portal role.
        Optional<String> tokens = bell.isPresent() && environment.matchesProfiles("dev")
                ? Optional.of("account/api-tokens") : Optional.empty();
        addToNavbar(new ThemeSwitch(), new UserMenu(actor, authentication, tokens));
    }

    private static Component brand() {
        var icon = VaadinIcon.KEY.create();
        icon.addClassName("brand-icon");
        var name = new Span("Credentials Portal");
        name.addClassName("brand-name");
        var brand = new Div(icon, name);
        brand.addClassName("brand");
        return brand;
    }

    private static SideNav navigation() {
        return new MainNavigation(MenuConfiguration.getMenuEntries());
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        viewTitle.setText(MenuConfiguration.getPageHeader(getContent()).orElse(""));
        bell.ifPresent(NotificationBell::refresh);
    }
}
