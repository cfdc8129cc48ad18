package com.devicecreds.portal.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.live.Polling;
import com.devicecreds.reporting.nodes.NodeAlert;
import com.devicecreds.reporting.nodes.NodeHealth;
import com.devicecreds.reporting.nodes.NodeHealthService;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * The provisioning server nodes, as their events show them: requests per minute and rejections over
 * the monitor's window against each node's usual rate, the main rejection reasons, when each node was
 * last heard from, and the alerts the node monitor raised. Refreshed while open.
 */
@Route(NodeHealthView.ROUTE)
@PageTitle("Server nodes")
@Menu(order = 81, icon = "vaadin:server", title = "Server nodes")
@RolesAllowed({Roles.PKI_OPS, Roles.ADMIN, Roles.AUDITOR})
class NodeHealthView extends VerticalLayout {

    static final String ROUTE = "admin/nodes";
    static final int REFRESH_MILLIS = 15_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final NodeHealthService nodes;
    private final Clock clock;
    private final Grid<NodeHealth> grid = new Grid<>();
    private final Grid<NodeAlert> alerts = new Grid<>();
    private final Paragraph explanation = new Paragraph();

    NodeHealthView(NodeHealthService nodes, Clock clock) {
        this.nodes = nodes;
        this.clock = clock;
        addClassName("nodes-view");
        setSizeFull();
        var settings = nodes.settings();
        explanation.setText(("Rates over the last %d minutes. A node is silent after %d minutes without an event; it spikes "
                + "when it rejects %s times its usual share of requests (its last seven days), at least %d percentage "
                + "points more, over %d requests or more. Alerts go to PKI operations and administrators.")
                .formatted(settings.window().toMinutes(), settings.silentAfter().toMinutes(),
                        trim(settings.spikeFactor()), Math.round(settings.spikeMargin() * 100), settings.spikeMinimum()));
        explanation.addClassName("nodes-explanation");

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(NodeHealth::node).setHeader("Node").setWidth("150px").setFlexGrow(0);
        grid.addComponentColumn(NodeHealthView::status).setHeader("Status").setWidth("150px").setFlexGrow(0);
        grid.addColumn(n -> String.format(Locale.US, "%,.1f", n.requestsPerMinute())).setHeader("Requests / min")
                .setTextAlign(ColumnTextAlign.END).setWidth("140px").setFlexGrow(0);
        grid.addColumn(n -> n.windowRequests() == 0 ? "—" : percent(n.rejectionRate())).setHeader("Rejected")
                .setTextAlign(ColumnTextAlign.END).setWidth("110px").setFlexGrow(0);
        grid.addColumn(n -> percent(n.usualRejectionRate())).setHeader("Usually").setTextAlign(ColumnTextAlign.END)
                .setWidth("100px").setFlexGrow(0);
        grid.addColumn(n -> n.reasons().stream().limit(3).map(r -> r.reason() + " " + r.count())
                .collect(Collectors.joining(", "))).setHeader("Main rejection reasons").setFlexGrow(2);
        grid.addColumn(n -> ago(n.lastSeen())).setHeader("Last event").setWidth("150px").setFlexGrow(0)
                .setTooltipGenerator(n -> n.lastSeen().toString());
        grid.setAllRowsVisible(true);
        grid.addClassName("nodes-grid");

        alerts.addThemeVariants(GridVariant.LUMO_COMPACT);
        alerts.addColumn(NodeAlert::node).setHeader("Node").setWidth("140px").setFlexGrow(0);
        alerts.addColumn(a -> a.kind().equals("silent") ? "Silent" : "Rejection spike").setHeader("Alert")
                .setWidth("140px").setFlexGrow(0);
        alerts.addColumn(a -> TIME.format(a.raisedAt())).setHeader("Raised (UTC)").setWidth("175px").setFlexGrow(0);
        alerts.addColumn(a -> a.resolvedAt().map(TIME::format).orElse("open")).setHeader("Resolved (UTC)")
                .setWidth("175px").setFlexGrow(0);
        alerts.addColumn(NodeAlert::summary).setHeader("What happened").setFlexGrow(3)
                .setTooltipGenerator(NodeAlert::summary);
        alerts.addClassName("node-alerts");
        alerts.setHeight("280px");

        var nodesCard = new Div(new H3("Nodes"), explanation, grid);
        nodesCard.addClassName("card");
        var alertsCard = new Div(new H3("Recent alerts"), alerts);
        alertsCard.addClassName("card");
        add(nodesCard, alertsCard);
        refresh();
        Polling.whileAttached(this, REFRESH_MILLIS, this::refresh);
    }

    private void refresh() {
        grid.setItems(nodes.nodes());
        alerts.setItems(nodes.recentAlerts(50));
    }

    private static Span status(NodeHealth node) {
        String text = node.healthy() ? "OK" : node.openAlerts().stream()
                .map(a -> a.kind().equals("silent") ? "Silent" : "Rejection spike").collect(Collectors.joining(", "));
        var badge = new Span(text);
        badge.addClassNames("level-badge", node.healthy() ? "level-ok" : "level-critical");
        return badge;
    }

    private String ago(Instant at) {
        Duration d = Duration.between(at, clock.instant());
        if (d.toSeconds() < 90) {
            return Math.max(0, d.toSeconds()) + " s ago";
        }
        if (d.toMinutes() < 90) {
            return d.toMinutes() + " min ago";
        }
        return d.toHours() < 48 ? d.toHours() + " h ago" : TIME.format(at);
    }

    private static String percent(double rate) {
        return String.format(Locale.US, "%.1f %%", rate * 100);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
