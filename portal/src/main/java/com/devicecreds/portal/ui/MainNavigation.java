package com.devicecreds.portal.ui;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.server.menu.MenuEntry;

/**
 * The side navigation, as one element whose items are markup shared by every session with the same
 * entries. A {@code SideNavItem} with its icon is two state nodes in each session's tree, about thirty
 * for the portal's menu: a third of a typical page's nodes, kept by every session. Here the items are
 * the same {@code vaadin-side-nav-item} elements (the browser marks the current one, and its router
 * follows their links), written once per distinct menu and set as the element's content
 * (decision 040). This is still a {@link SideNav}, so the browser loads the web components it needs.
 */
public class MainNavigation extends SideNav {

    /** Menus differ only by role and operator access: a handful of strings for the whole portal. */
    private static final Map<List<MenuEntry>, String> MARKUP = new ConcurrentHashMap<>();

    private final List<String> labels;

    public MainNavigation(List<MenuEntry> entries) {
        addClassName("main-nav");
        this.labels = entries.stream().map(MenuEntry::title).toList();
        getElement().setProperty("innerHTML", MARKUP.computeIfAbsent(List.copyOf(entries), MainNavigation::markup));
    }

    /** The items' labels, in menu order. */
    public List<String> labels() {
        return labels;
    }

    static String markup(List<MenuEntry> entries) {
        var html = new StringBuilder();
        for (var entry : entries) {
            String path = entry.path().startsWith("/") ? entry.path().substring(1) : entry.path();
            html.append("<vaadin-side-nav-item path=\"").append(escape(path)).append("\">").append(escape(entry.title()));
            if (entry.icon() != null) {
                html.append("<vaadin-icon icon=\"").append(escape(entry.icon())).append("\" slot=\"prefix\"></vaadin-icon>");
            }
            html.append("</vaadin-side-nav-item>");
        }
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
