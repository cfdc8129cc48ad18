package com.devicecreds.portal.inventory;

import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.inventory.alert.AlertService;
import com.devicecreds.inventory.pool.PoolSummary;
import com.devicecreds.inventory.threshold.ThresholdService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.devicecreds.inventory.pool.BatchSummary;
import com.devicecreds.inventory.pool.DailyPoolPoint;
import com.devicecreds.inventory.pool.PoolHistory;
import com.devicecreds.inventory.pool.PoolHistoryService;
import com.devicecreds.portal.ui.chart.ChartImage;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * One pool: its numbers, a chart of available credentials and daily consumption, the same numbers
 * in a table, and the batches loaded into it. A pool of another operator is "not found", exactly
 * like a pool that does not exist.
 */
@Route("inventory/:typeId")
@PageTitle("Key pool")
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
class PoolDetailView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final PoolHistoryService history;
    private final ThresholdService thresholds;
    private final AlertService alerts;
    private final boolean pkiOps;
    private final NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.US);
    private final Select<Integer> period = new Select<>();
    private int typeId;

    PoolDetailView(PoolHistoryService history, ThresholdService thresholds, AlertService alerts,
            CurrentActor currentActor) {
        this.history = history;
        this.thresholds = thresholds;
        this.alerts = alerts;
        this.pkiOps = currentActor.actor().hasRole(Roles.PKI_OPS);
        addClassName("pool-detail");
        period.setItems(30, 90, 180);
        period.setItemLabelGenerator(d -> "Last " + d + " days");
        period.setValue(90);
        period.setAriaLabel("Period");
        period.addValueChangeListener(e -> show());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var id = event.getRouteParameters().getInteger("typeId");
        var pool = id.flatMap(type -> history.historyOf(type, period.getValue()));
        if (pool.isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "No such key pool");
            return;
        }
        typeId = id.get();
        show(pool.get());
    }

    /** Shows the pool again (another period, thresholds just saved); it may have been removed meanwhile. */
    private void show() {
        history.historyOf(typeId, period.getValue()).ifPresent(this::show);
    }

    private void show(PoolHistory pool) {
        removeAll();
        var summary = pool.pool();
        var title = new H2(summary.typeName());
        var facts = new Span(summary.operatorName().orElse("Shared type") + " · " + summary.credentialKind() + " · "
                + summary.bindingMode());
        facts.addClassName("pool-facts");
        var back = new Anchor("inventory", "← Key inventory");
        back.addClassName("back-link");
        var header = new Div(back, title, facts);
        header.addClassName("pool-header");

        var level = new Span(summary.level().name().toLowerCase(Locale.ROOT));
        level.addClassNames("level-badge", "level-" + summary.level().name().toLowerCase(Locale.ROOT));
        header.add(level);
        var tiles = new Div(tile("Available", summary.available()), tile("Bound", summary.bound()),
                tile("Delivered, last 24 h", summary.deliveredLast24Hours()),
                textTile("Runway", summary.runwayDays().isPresent()
                        ? String.format(Locale.US, "%.1f days", summary.runwayDays().getAsDouble()) : "no consumption"));
        tiles.addClassName("tiles");

        var chart = ChartImage.shared("pool-" + summary.typeCode(),
                "Available credentials and daily deliveries of " + summary.typeName(), 1000, 340, pool.days(),
                PoolChart::of);
        var chartCard = new Div(new Div(new H3("Available and consumed"), period), chart);
        chartCard.addClassName("card");
        chartCard.getChildren().findFirst().ifPresent(c -> c.addClassName("card-header"));

        add(header, tiles, thresholdsCard(summary), new AlertsCard(alerts, typeId, pkiOps), chartCard, dayTable(pool),
                batches(pool));
    }

    private Div thresholdsCard(PoolSummary summary) {
        var t = summary.thresholds();
        var text = new Div(new Span("Warning at " + ThresholdsText.limit(t.warning())),
                new Span("Critical at " + ThresholdsText.limit(t.critical())),
                new Span("Lead time " + t.leadTimeDays() + " days · recovery margin " + t.recoveryMarginPercent()
                        + " % · pending " + t.pendingPeriod().toMinutes() + " min"));
        text.addClassName("thresholds-text");
        var header = new Div(new H3("Thresholds"));
        header.addClassName("card-header");
        if (pkiOps) {
            var edit = new Button("Edit thresholds", e -> new ThresholdsDialog(summary.typeName(), typeId, thresholds,
                    this::show).open());
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            edit.addClassName("edit-thresholds");
            header.add(edit);
        }
        var card = new Div(header, text);
        card.addClassName("card");
        return card;
    }

    private Div textTile(String label, String value) {
        var l = new Span(label);
        l.addClassName("tile-label");
        var v = new Span(value);
        v.addClassName("tile-value");
        var tile = new Div(l, v);
        tile.addClassName("tile");
        return tile;
    }

    private Div tile(String label, long value) {
        var l = new Span(label);
        l.addClassName("tile-label");
        var v = new Span(numbers.format(value));
        v.addClassName("tile-value");
        var tile = new Div(l, v);
        tile.addClassName("tile");
        return tile;
    }

    private Div dayTable(PoolHistory pool) {
        var grid = new Grid<DailyPoolPoint>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(p -> DAY.format(p.day())).setHeader("Day (UTC)").setFlexGrow(2);
        grid.addColumn(p -> numbers.format(p.delivered())).setHeader("Delivered").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(p -> numbers.format(p.activated())).setHeader("Loaded").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(p -> numbers.format(p.availableAtEndOfDay())).setHeader("Available at end of day")
                .setTextAlign(ColumnTextAlign.END).setFlexGrow(2);
        grid.setItems(pool.days().reversed());
        grid.setHeight("320px");
        grid.addClassName("day-table");
        var card = new Div(new H3("Day by day"), grid);
        card.addClassName("card");
        return card;
    }

    private Div batches(PoolHistory pool) {
        var grid = new Grid<BatchSummary>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(BatchSummary::batchRef).setHeader("Batch").setFlexGrow(2);
        grid.addColumn(BatchSummary::state).setHeader("State");
        grid.addColumn(b -> numbers.format(b.recordCount())).setHeader("Credentials").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(BatchSummary::producingFacility).setHeader("Facility").setFlexGrow(2);
        grid.addColumn(BatchSummary::submittedBy).setHeader("Submitted by");
        grid.addColumn(b -> b.activatedAt().map(TIME::format).orElse("—")).setHeader("Activated").setFlexGrow(2);
        grid.setItems(pool.batches());
        grid.setAllRowsVisible(true);
        grid.addClassName("batches-grid");
        var card = new Div(new H3("Batches"), grid);
        card.addClassName("card");
        return card;
    }
}
