package com.devicecreds.portal.inventory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.devicecreds.inventory.alert.AlertService;
import com.devicecreds.inventory.alert.InventoryAlert;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** A pool's alert history; PKI operations acknowledge and snooze open alerts from here. */
class AlertsCard extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final AlertService alerts;
    private final int credentialTypeId;
    private final Grid<InventoryAlert> grid = new Grid<>();

    AlertsCard(AlertService alerts, int credentialTypeId, boolean mayAct) {
        this.alerts = alerts;
        this.credentialTypeId = credentialTypeId;
        addClassNames("card", "alerts-card");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(AlertsCard::level).setHeader("Alert").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(InventoryAlert::summary).setHeader("What happened").setFlexGrow(3)
                .setTooltipGenerator(InventoryAlert::summary);
        grid.addColumn(a -> TIME.format(a.raisedAt())).setHeader("Raised").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AlertsCard::status).setHeader("Status").setFlexGrow(2);
        if (mayAct) {
            grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        }
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No alerts for this pool yet.");
        add(new H3("Alerts"), grid);
        refresh();
    }

    void refresh() {
        grid.setItems(alerts.alertsOf(credentialTypeId));
    }

    private static Span level(InventoryAlert alert) {
        var span = new Span(alert.kind().name().equals("RUNWAY") ? "Runway" : alert.toLevel().name().toLowerCase(Locale.ROOT));
        span.addClassNames("level-badge", "level-" + (alert.kind().name().equals("RUNWAY") ? "runway"
                : alert.toLevel().name().toLowerCase(Locale.ROOT)));
        return span;
    }

    static String status(InventoryAlert alert) {
        if (alert.resolvedAt().isPresent()) {
            return "Resolved " + TIME.format(alert.resolvedAt().get());
        }
        var parts = new StringBuilder("Open");
        alert.acknowledgedBy().ifPresent(by -> parts.append(" · acknowledged by ").append(by));
        if (alert.snoozedUntilNextBatch()) {
            parts.append(" · snoozed until the next batch");
        } else {
            alert.snoozedUntil().filter(Instant.now()::isBefore)
                    .ifPresent(until -> parts.append(" · snoozed until ").append(TIME.format(until)));
        }
        return parts.toString();
    }

    private HorizontalLayout actions(InventoryAlert alert) {
        var row = new HorizontalLayout();
        row.setSpacing(false);
        row.addClassName("alert-actions");
        if (!alert.isOpen()) {
            return row;
        }
        if (alert.acknowledgedBy().isEmpty()) {
            row.add(button("Acknowledge", () -> alerts.acknowledge(alert.id())));
        }
        row.add(button("Snooze 4 h", () -> alerts.snooze(alert.id(), Duration.ofHours(4))));
        if (!alert.snoozedUntilNextBatch()) {
            row.add(button("Until next batch", () -> alerts.snoozeUntilNextBatch(alert.id())));
        }
        return row;
    }

    private Button button(String text, Runnable action) {
        var button = new Button(text, e -> {
            action.run();
            refresh();
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return button;
    }
}
