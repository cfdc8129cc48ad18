package com.devicecreds.portal.webhook.ui;

import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.webhook.WebhookEndpoint;
import com.devicecreds.portal.webhook.WebhookEventType;
import com.devicecreds.portal.webhook.WebhookService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * Webhook endpoints (docs/decisions/034-webhooks.md): PKI operations see and manage every endpoint and
 * register PKI-wide ones; operator staff their own operator's. Each endpoint has its actions and, when
 * selected, its delivery history. The service checks every call again.
 */
@Route(WebhooksView.ROUTE)
@PageTitle("Webhooks")
@Menu(order = 91, icon = "vaadin:connect", title = "Webhooks")
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS})
class WebhooksView extends VerticalLayout {

    static final String ROUTE = "webhooks";

    private final WebhookService webhooks;
    private final Grid<WebhookEndpoint> grid = new Grid<>();
    private final H3 historyTitle = new H3();
    private final Div historyHeader = new Div();
    private final DeliveryHistory history;

    WebhooksView(WebhookService webhooks, CurrentActor currentActor) {
        this.webhooks = webhooks;
        this.history = new DeliveryHistory(webhooks);
        addClassName("webhooks-view");
        String whose = currentActor.scope().operator().map(o -> "Endpoints of " + o.code() + " receive " + o.code()
                + "'s events only.").orElse("Endpoints registered here are PKI-wide: they receive the events of every "
                + "operator and the credential batch events.");
        var intro = new Paragraph("The portal posts events to your HTTPS endpoints, signed with the endpoint's secret "
                + "(header X-Portal-Signature) and retried with back-off until they are accepted. " + whose);
        intro.addClassName("view-intro");
        var register = new Button("Register endpoint", VaadinIcon.PLUS.create(),
                e -> new RegisterEndpointDialog(webhooks, registered -> {
                    refresh();
                    grid.select(registered);
                }).open());
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        register.addClassName("register-endpoint");
        var header = new Div(new H3("Endpoints"), register);
        header.addClassName("card-header");

        grid.addClassName("webhook-endpoints");
        grid.addColumn(WebhookEndpoint::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(WebhookEndpoint::scope).setHeader("Receives events of").setFlexGrow(2);
        grid.addComponentColumn(e -> {
            // An address has no spaces: it may break anywhere rather than be cut off.
            var address = new Span(e.url());
            address.addClassName("endpoint-url");
            return address;
        }).setHeader("Address").setFlexGrow(4);
        grid.addColumn(e -> e.format().label()).setHeader("Format").setFlexGrow(2);
        grid.addColumn(WebhooksView::events).setHeader("Events").setFlexGrow(4);
        grid.addColumn(e -> e.enabled() ? "Enabled" : "Disabled").setHeader("State").setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader("Actions").setFlexGrow(0).setWidth("330px");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText("No webhook endpoints yet.");
        grid.setAllRowsVisible(true);
        grid.addSelectionListener(e -> showHistory());

        historyTitle.addClassName("history-title");
        var reload = small("Refresh", VaadinIcon.REFRESH, "refresh-deliveries", this::showHistory);
        reload.setAriaLabel("Refresh the deliveries");
        historyHeader.add(historyTitle, reload);
        historyHeader.addClassNames("card-header", "history-header");
        var card = new Div(header, grid, historyHeader, history);
        card.addClassNames("card", "webhooks-card");
        add(new H2("Webhooks"), intro, card);
        refresh();
    }

    /** "All events" rather than a tall list when the endpoint takes everything its scope offers. */
    private static String events(WebhookEndpoint endpoint) {
        if (endpoint.events().containsAll(WebhookEventType.subscribable(endpoint.operator().isPresent()))) {
            return "All events";
        }
        return endpoint.events().stream().sorted().map(WebhookEventType::label).collect(Collectors.joining(", "));
    }

    private void refresh() {
        var selected = grid.getSelectedItems().stream().findFirst().map(WebhookEndpoint::id);
        var items = webhooks.endpoints();
        grid.setItems(items);
        // The selected endpoint stays selected; without one the newest shows its deliveries.
        selected.flatMap(id -> items.stream().filter(e -> e.id() == id).findFirst())
                .or(() -> items.stream().findFirst()).ifPresent(grid::select);
        showHistory();
    }

    private void showHistory() {
        var selected = grid.getSelectedItems().stream().findFirst();
        historyHeader.setVisible(selected.isPresent());
        history.setVisible(selected.isPresent());
        selected.ifPresent(e -> {
            historyTitle.setText("Deliveries to " + e.name());
            history.show(e.id());
        });
    }

    private Div actions(WebhookEndpoint endpoint) {
        var test = small("Send test event", VaadinIcon.PAPERPLANE, "send-test", () -> {
            boolean queued = webhooks.sendTest(endpoint.id());
            tell(queued ? "Test event queued: it is delivered within seconds." : "The endpoint is gone.", queued);
            grid.select(endpoint);
            refresh();
        });
        test.setAriaLabel("Send test event to " + endpoint.name());
        var toggle = small(endpoint.enabled() ? "Disable" : "Enable", endpoint.enabled() ? VaadinIcon.PAUSE : VaadinIcon.PLAY,
                "toggle-endpoint", () -> {
                    webhooks.setEnabled(endpoint.id(), !endpoint.enabled());
                    refresh();
                });
        toggle.setAriaLabel((endpoint.enabled() ? "Disable " : "Enable ") + endpoint.name());
        var delete = small("", VaadinIcon.TRASH, "delete-endpoint", () -> confirmDelete(endpoint));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_ICON);
        delete.setAriaLabel("Delete " + endpoint.name());
        var actions = new Div(test, toggle, delete);
        actions.addClassName("endpoint-actions");
        return actions;
    }

    private void confirmDelete(WebhookEndpoint endpoint) {
        var confirm = new ConfirmDialog("Delete " + endpoint.name() + "?",
                "The endpoint and its delivery history are deleted; deliveries not yet made are dropped.", "Delete",
                e -> {
                    webhooks.delete(endpoint.id());
                    refresh();
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private static Button small(String text, VaadinIcon icon, String className, Runnable action) {
        var button = new Button(text, icon.create(), e -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        button.addClassName(className);
        return button;
    }

    static void tell(String message, boolean success) {
        var note = Notification.show(message, 5000, Notification.Position.BOTTOM_START);
        note.addThemeVariants(success ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
    }
}
