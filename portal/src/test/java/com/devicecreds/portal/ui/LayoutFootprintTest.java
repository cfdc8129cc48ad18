package com.devicecreds.portal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import com.vaadin.browserless.SecuredBrowserlessApplicationContext;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.internal.StateNode;
import com.vaadin.flow.router.RouteConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What every session keeps for the shell around its page: each state node costs about a kilobyte of
 * heap per session, and the layout is in every session (decision 040). Prints the nodes of each page
 * for PKI operations, whose menu is the longest.
 */
@PortalTest
class LayoutFootprintTest {

    /** The menu is one element; the rest is the brand, the navbar, the bell, the theme switch and the user menu. */
    private static final int LAYOUT_NODE_BUDGET = 30;

    @Autowired
    ApplicationContext spring;

    private static int nodes(StateNode root) {
        int[] count = {0};
        root.visitNodeTree(node -> count[0]++);
        return count[0];
    }

    /** The page's nodes by element tag ({@code #text} for text nodes): what to look at when a page grows. */
    private static java.util.Map<String, Integer> tags(StateNode root) {
        var tags = new java.util.TreeMap<String, Integer>();
        root.visitNodeTree(node -> {
            var element = com.vaadin.flow.dom.Element.get(node);
            tags.merge(element == null ? "(other)" : element.isTextNode() ? "#text" : element.getTag(), 1, Integer::sum);
        });
        return tags;
    }

    @Test
    void the_layout_around_every_page_stays_within_its_budget_of_state_nodes() {
        SecuredBrowserlessApplicationContext<Authentication> app =
                SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
        try {
            var window = app.newUser(SignedIn.withRole(Roles.PKI_OPS)).newWindow();
            for (var view : MenuViews.openTo(Roles.PKI_OPS)) {
                window.activate();
                window.navigate(RouteConfiguration.forApplicationScope().getUrl(view), Component.class);
                int all = nodes(UI.getCurrent().getElement().getNode());
                int page = nodes(window.getCurrentView().getElement().getNode());
                System.out.printf("%-24s %4d state nodes, %4d of them the page's%n", view.getSimpleName(), all, page);
                System.out.println("    " + tags(window.getCurrentView().getElement().getNode()));
                assertThat(all - page).as("layout around %s", view.getSimpleName()).isLessThanOrEqualTo(LAYOUT_NODE_BUDGET);
            }
        } finally {
            app.close();
            SecurityContextHolder.clearContext();
        }
    }
}
