package com.devicecreds.portal.ui;


import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.devicecreds.access.Actor;
import com.devicecreds.access.OperatorRef;

/** Who is signed in (name, role, operator) and the way out. */
class UserMenu extends MenuBar {

    /** @param apiTokensRoute the page of the user's personal API tokens, where they exist (the embedded run) */
    UserMenu(Actor actor, AuthenticationContext authentication, java.util.Optional<String> apiTokensRoute) {
        addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        addClassName("user-menu");
        var avatar = new Avatar(actor.displayName());
        avatar.setAbbreviation(initials(actor.displayName()));
        avatar.addClassName("user-avatar");
        var name = new Span(actor.displayName());
        name.addClassName("user-name");
        var chip = new Div(avatar, name);
        chip.addClassName("user-chip");
        var root = addItem(chip);

        var sub = root.getSubMenu();
        var who = new Div(new Span(actor.displayName()),
                new Span(String.join(", ", actor.roles().stream().map(UserMenu::roleLabel).sorted().toList())),
                new Span(actor.operator().map(OperatorRef::code).map(c -> "Operator: " + c).orElse("All operators")));
        who.addClassName("user-card");
        sub.addItem(who).setEnabled(false);
        sub.addSeparator();
        apiTokensRoute.ifPresent(route -> sub.addItem("API tokens", event -> getUI().ifPresent(ui -> ui.navigate(route))));
        sub.addItem("Sign out", event -> authentication.logout());
    }

    /** "Nina Berg (Nordkabel)" is NB: the avatar's own abbreviation would take the parenthesis. */
    static String initials(String displayName) {
        var sb = new StringBuilder();
        for (String word : displayName.split("\\s+")) {
            if (!word.isEmpty() && Character.isLetter(word.charAt(0)) && sb.length() < 2) {
                sb.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        return sb.toString();
    }

    static String roleLabel(String role) {
        return switch (role) {
            case "OPERATOR_STAFF" -> "Operator staff";
            case "PKI_OPS" -> "PKI operations";
            case "PROJECT_MANAGER" -> "Project manager";
            case "AUDITOR" -> "Auditor";
            case "ADMIN" -> "Administrator";
            default -> role;
        };
    }
}
