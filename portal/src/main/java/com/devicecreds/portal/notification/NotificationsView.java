package com.devicecreds.portal.notification;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.grid.GridCells;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * The user's notifications, newest first; clicking one marks it read. PKI operations and
 * administrators also see e-mails that could not be delivered yet, with the error and next attempt.
 */
@Route("notifications")
@PageTitle("Notifications")
@Menu(order = 90, icon = "vaadin:bell", title = "Notifications")
// Exactly the roles of NotificationService.page.
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
class NotificationsView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", java.util.Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final NotificationService notifications;
    private final Grid<NotificationItem> grid = new Grid<>();

    NotificationsView(NotificationService notifications, PoolSubscriptionService subscriptions,
            CurrentActor currentActor) {
        this.notifications = notifications;
        addClassName("notifications-view");
        setWidthFull();

        var markAll = new Button("Mark all read", e -> {
            notifications.markAllRead();
            changed();
        });
        markAll.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        markAll.addClassName("mark-all-read");
        var header = new Div(new H2("Your notifications"), markAll);
        header.addClassName("section-header");
        add(header, configureGrid());

        Actor actor = currentActor.actor();
        if (actor.hasRole(Roles.PKI_OPS) || actor.hasRole(Roles.ADMIN)) {
            var outboxHeader = new Div(new H2("E-mail delivery problems"));
            outboxHeader.addClassName("section-header");
            var problems = outboxGrid();
            add(outboxHeader, problems);
            add(new PoolSubscriptionsSection(subscriptions));
        }
    }

    private Grid<NotificationItem> configureGrid() {
        grid.addClassName("notifications");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(query -> notifications.page(query.getOffset(), query.getLimit()).stream());
        grid.addColumn(GridCells.marker(n -> n.read() ? "read-marker" : "unread-marker", n -> n.read() ? "Read" : "Unread")).setHeader("").setWidth("48px").setFlexGrow(0);
        grid.addColumn(n -> TIME.format(n.createdAt())).setHeader("When").setWidth("165px").setFlexGrow(0);
        grid.addColumn(NotificationItem::title).setHeader("Title").setWidth("280px").setFlexGrow(1)
                .setTooltipGenerator(NotificationItem::title);
        grid.addColumn(NotificationItem::body).setHeader("Message").setFlexGrow(2)
                .setTooltipGenerator(NotificationItem::body);
        grid.setPartNameGenerator(n -> n.read() ? "read" : "unread");
        grid.addItemClickListener(click -> {
            if (!click.getItem().read()) {
                notifications.markRead(click.getItem().id());
                changed();
            }
        });
        grid.setEmptyStateText("No notifications for you yet.");
        grid.setHeight("340px");
        return grid;
    }

    private Grid<OutboxProblem> outboxGrid() {
        var problems = new Grid<OutboxProblem>();
        problems.addClassName("mail-outbox-problems");
        problems.setItems(query -> notifications.outboxProblems(query.getOffset(), query.getLimit()).stream());
        problems.addColumn(OutboxProblem::recipient).setHeader("Recipient").setWidth("220px").setFlexGrow(1);
        problems.addColumn(OutboxProblem::subject).setHeader("Subject").setWidth("220px").setFlexGrow(1);
        problems.addColumn(OutboxProblem::attempts).setHeader("Attempts").setWidth("100px").setFlexGrow(0);
        problems.addColumn(p -> p.failedAt().map(t -> "Gave up " + TIME.format(t))
                .orElseGet(() -> p.nextAttemptAt().map(TIME::format).orElse(""))).setHeader("Next attempt")
                .setWidth("170px").setFlexGrow(0);
        problems.addColumn(p -> p.lastError().orElse("")).setHeader("Last error").setFlexGrow(2)
                .setTooltipGenerator(p -> p.lastError().orElse(""));
        problems.setEmptyStateText("Every e-mail so far was delivered.");
        problems.setHeight("220px");
        return problems;
    }

    private void changed() {
        grid.getDataProvider().refreshAll();
        getUI().ifPresent(ui -> ComponentUtil.fireEvent(ui, new UnreadChanged(ui)));
    }
}
