package com.devicecreds.portal.dashboard;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.inventory.pool.InventoryService;
import com.devicecreds.inventory.pool.PoolSummary;
import com.devicecreds.reporting.usage.OutcomeCounts;
import com.devicecreds.reporting.usage.UsageService;
import com.devicecreds.portal.live.Polling;
import com.devicecreds.portal.grid.GridCells;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * The first page after sign-in: provisioning of the last 24 hours by outcome, and every pool's
 * available credentials, within the user's operator scope. Refreshes itself while open.
 */
@Route("")
@PageTitle("Dashboard")
@Menu(order = 0, icon = "vaadin:dashboard", title = "Dashboard")
// Exactly the roles of the services it shows (InventoryService.pools, UsageService.outcomesSince).
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
class DashboardView extends VerticalLayout {

    static final int REFRESH_MILLIS = 10_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final UsageService usage;
    private final InventoryService inventory;
    private final NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.US);

    private final Div tiles = new Div();
    private final Grid<PoolSummary> pools = new Grid<>();
    private final Span updated = new Span();
    private final Span rejectionNote = new Span();
    private final Map<String, Span> values = new HashMap<>();
    private List<PoolSummary> shownPools = List.of();

    DashboardView(UsageService usage, InventoryService inventory, CurrentActor currentActor) {
        this.usage = usage;
        this.inventory = inventory;
        addClassName("dashboard");
        setSizeFull();

        var scope = new Span(currentActor.actor().operator().map(OperatorRef::code)
                .map(code -> "Operator " + code).orElse("All operators"));
        scope.addClassName("scope-badge");
        updated.addClassName("updated");
        var header = new Div(new H2("Last 24 hours"), scope, updated);
        header.addClassName("section-header");

        tiles.addClassName("tiles");
        rejectionNote.addClassName("tile-note");
        tiles.add(tile("Requests", "requests"), tile("Delivered", "delivered"), tile("Re-delivered", "redelivered"),
                tile("Rejected", "rejected", rejectionNote));
        configurePools();
        var poolsHeader = new Div(new H2("Key pools"));
        poolsHeader.addClassName("section-header");
        add(header, tiles, poolsHeader, pools);
        refresh();
        Polling.whileAttached(this, REFRESH_MILLIS, this::refresh);
    }

    private void configurePools() {
        pools.addClassName("pools");
        pools.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        // Widths that fit a laptop screen without horizontal scrolling; the type name gets the most room,
        // the kind (mostly in the type's name too) gives way first. Cut text shows in a tooltip.
        pools.addColumn(PoolSummary::typeName).setTooltipGenerator(PoolSummary::credentialKind).setHeader("Credential type").setWidth("305px").setFlexGrow(2)
                .setSortable(true).setTooltipGenerator(PoolSummary::typeName);
        pools.addColumn(p -> p.operatorName().orElse("Shared")).setHeader("Operator").setWidth("200px")
                .setFlexGrow(1).setSortable(true).setTooltipGenerator(p -> p.operatorName().orElse("Shared"));
        pools.addColumn(PoolSummary::bindingMode).setHeader("Binding").setWidth("150px").setFlexGrow(0);
        pools.addColumn(p -> numbers.format(p.available())).setHeader("Available").setWidth("120px").setFlexGrow(0)
                .setComparator(PoolSummary::available).setTextAlign(ColumnTextAlign.END).setSortable(true);
        pools.addColumn(p -> numbers.format(p.bound())).setHeader("Bound").setWidth("100px").setFlexGrow(0)
                .setComparator(PoolSummary::bound).setTextAlign(ColumnTextAlign.END).setSortable(true);
        pools.addColumn(GridCells.fillBar(DashboardView::fillBarClasses, DashboardView::availableShare,
                p -> String.format(Locale.ROOT, "%.1f%% of loaded credentials available", availableShare(p) * 100))).setHeader("Remaining").setWidth("100px").setFlexGrow(1);
        pools.addItemClickListener(e -> pools.getUI()
                .ifPresent(ui -> ui.navigate("inventory/" + e.getItem().credentialTypeId())));
        pools.setAllRowsVisible(false);
        pools.setHeight("100%");
        pools.setMinHeight("320px");
    }

    private static double availableShare(PoolSummary pool) {
        return pool.loaded() == 0 ? 0 : (double) pool.available() / pool.loaded();
    }

    private static String fillBarClasses(PoolSummary pool) {
        return pool.available() == 0 ? "fill-bar empty" : availableShare(pool) < 0.1 ? "fill-bar low" : "fill-bar";
    }

    /**
     * Runs at open and on every poll. Changes only what changed: the tiles' figures in place, the
     * pools' rows only when a pool's figures moved, so an unchanged poll sends almost nothing.
     */
    private void refresh() {
        OutcomeCounts counts = usage.outcomesSince(Instant.now().minus(Duration.ofHours(24)));
        values.get("requests").setText(numbers.format(counts.total()));
        values.get("delivered").setText(numbers.format(counts.delivered()));
        values.get("redelivered").setText(numbers.format(counts.redelivered()));
        values.get("rejected").setText(numbers.format(counts.rejected()));
        rejectionNote.setText(String.format(Locale.ROOT, "%.1f%% of requests", counts.rejectionRate() * 100));
        var current = inventory.pools();
        if (!current.equals(shownPools)) {
            shownPools = current;
            pools.setItems(current);
        }
        updated.setText("Updated " + TIME.format(Instant.now()));
    }

    /** A figure's tile; its value is set by {@link #refresh()}, {@code notes} follow the value. */
    private Div tile(String label, String kind, Span... notes) {
        var v = new Span();
        v.addClassName("tile-value");
        values.put(kind, v);
        var l = new Span(label);
        l.addClassName("tile-label");
        var tile = new Div(l, v);
        tile.add(notes);
        tile.addClassNames("tile", "tile-" + kind);
        tile.getElement().setAttribute("data-outcome", kind);
        return tile;
    }
}
