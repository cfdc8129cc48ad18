package com.devicecreds.portal.inventory;

import java.text.NumberFormat;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.pool.InventoryService;
import com.devicecreds.inventory.pool.PoolSummary;
import com.devicecreds.portal.live.Polling;
import com.devicecreds.portal.grid.GridCells;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/** Every key pool the user may see, refreshed while open; a row opens the pool's detail. */
@Route("inventory")
@PageTitle("Key inventory")
@Menu(order = 1, icon = "vaadin:stock", title = "Key inventory")
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
class InventoryView extends VerticalLayout {

    static final int REFRESH_MILLIS = 15_000;

    private final NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.US);
    private final Grid<PoolSummary> grid = new Grid<>();
    private final TextField filter = new TextField();
    private final java.util.List<PoolSummary> rows = new java.util.ArrayList<>();
    private final InventoryService inventory;

    InventoryView(InventoryService inventory) {
        addClassName("inventory");
        setSizeFull();
        filter.setPlaceholder("Filter by type, operator or kind");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setWidth("320px");

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(PoolSummary::typeName).setHeader("Credential type")
                .setTooltipGenerator(p -> p.credentialKind() + " · " + p.bindingMode()).setWidth("230px").setFlexGrow(2)
                .setSortable(true);
        grid.addColumn(p -> p.operatorName().orElse("Shared")).setHeader("Operator").setWidth("160px").setFlexGrow(1)
                .setSortable(true);
        grid.addColumn(GridCells.badge(InventoryView::levelClasses, InventoryView::levelName)).setHeader("Status").setComparator(PoolSummary::level)
                .setWidth("110px").setFlexGrow(0).setSortable(true);
        number("Available", "118px", p -> numbers.format(p.available()), PoolSummary::available);
        number("Bound", "100px", p -> numbers.format(p.bound()), PoolSummary::bound);
        number("24 h", "88px", p -> numbers.format(p.deliveredLast24Hours()), PoolSummary::deliveredLast24Hours);
        number("Per day", "108px", p -> String.format(Locale.US, "%,.0f", p.averagePerDay()), PoolSummary::averagePerDay);
        number("Runway", "108px", p -> p.runwayDays().isPresent() ? String.format(Locale.US, "%.1f d", p.runwayDays().getAsDouble()) : "—",
                p -> p.runwayDays().orElse(Double.MAX_VALUE));
        grid.addItemClickListener(e -> grid.getUI().ifPresent(ui -> ui.navigate("inventory/" + e.getItem().credentialTypeId())));
        grid.setSizeFull();

        this.inventory = inventory;
        var pools = grid.setItems(rows);
        refresh();
        filter.addValueChangeListener(e -> pools.setFilter(p -> matches(p, e.getValue())));
        add(filter, grid);
        Polling.whileAttached(this, REFRESH_MILLIS, this::refresh);
    }

    /** Replaces the rows in place, so the user's filter and sort order stay as they are. */
    private void refresh() {
        rows.clear();
        rows.addAll(inventory.pools());
        grid.getDataProvider().refreshAll();
    }

    /** A right-aligned, sortable number column; "Per day" is the 7-day average, "24 h" the last day's deliveries. */
    private <C extends Comparable<? super C>> void number(String header, String width,
            com.vaadin.flow.function.ValueProvider<PoolSummary, String> text,
            com.vaadin.flow.function.ValueProvider<PoolSummary, C> sortKey) {
        grid.addColumn(text).setHeader(header).setComparator(sortKey).setTextAlign(ColumnTextAlign.END)
                .setWidth(width).setFlexGrow(0).setSortable(true);
    }

    private static String levelName(PoolSummary pool) {
        return pool.level().name().toLowerCase(Locale.ROOT);
    }

    private static String levelClasses(PoolSummary pool) {
        return "level-badge level-" + levelName(pool);
    }

    private static boolean matches(PoolSummary pool, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        var needle = text.strip().toLowerCase(Locale.ROOT);
        return pool.typeName().toLowerCase(Locale.ROOT).contains(needle)
                || pool.operatorName().orElse("shared").toLowerCase(Locale.ROOT).contains(needle)
                || pool.credentialKind().toLowerCase(Locale.ROOT).contains(needle);
    }
}
