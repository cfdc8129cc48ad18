package com.devicecreds.portal.inventory;

import java.text.NumberFormat;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.pool.InventoryService;
import com.devicecreds.inventory.pool.PoolSummary;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/** Every key pool the user may see; a row opens the pool's detail. */
@Route("inventory")
@PageTitle("Key inventory")
@Menu(order = 1, icon = "vaadin:stock", title = "Key inventory")
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
class InventoryView extends VerticalLayout {

    private final NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.US);
    private final Grid<PoolSummary> grid = new Grid<>();
    private final TextField filter = new TextField();

    InventoryView(InventoryService inventory) {
        addClassName("inventory");
        setSizeFull();
        filter.setPlaceholder("Filter by type, operator or kind");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setWidth("320px");

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(PoolSummary::typeName).setHeader("Credential type").setAutoWidth(true).setFlexGrow(1).setSortable(true);
        grid.addColumn(p -> p.operatorName().orElse("Shared")).setHeader("Operator").setAutoWidth(true).setFlexGrow(0).setSortable(true);
        grid.addColumn(PoolSummary::credentialKind).setHeader("Kind").setAutoWidth(true).setFlexGrow(0).setSortable(true);
        grid.addColumn(PoolSummary::bindingMode).setHeader("Binding").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> numbers.format(p.available())).setHeader("Available").setComparator(PoolSummary::available)
                .setTextAlign(ColumnTextAlign.END).setSortable(true);
        grid.addColumn(p -> numbers.format(p.bound())).setHeader("Bound").setComparator(PoolSummary::bound)
                .setTextAlign(ColumnTextAlign.END).setSortable(true);
        grid.addColumn(p -> numbers.format(p.loaded())).setHeader("Loaded").setComparator(PoolSummary::loaded)
                .setTextAlign(ColumnTextAlign.END).setSortable(true);
        grid.addItemClickListener(e -> grid.getUI().ifPresent(ui -> ui.navigate("inventory/" + e.getItem().credentialTypeId())));
        grid.setSizeFull();

        var pools = grid.setItems(inventory.pools());
        filter.addValueChangeListener(e -> pools.setFilter(p -> matches(p, e.getValue())));
        add(filter, grid);
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
