package com.devicecreds.portal.reports;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.ui.export.ExportButtons;
import com.devicecreds.reporting.export.ReportExportService;
import com.devicecreds.reporting.devices.DeviceEvent;
import com.devicecreds.reporting.devices.DeviceMatch;
import com.devicecreds.reporting.devices.DeviceSearchResult;
import com.devicecreds.reporting.devices.DeviceSearchService;
import com.devicecreds.reporting.devices.SearchMode;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * Finds a device by any kind of device ID in any common notation, exactly or by its beginning, and
 * shows its provisioning requests newest first in a lazily loaded timeline. Nothing found says
 * whether the ID is on an authorized list. Everything is within the user's operator scope.
 * {@code ?id=} opens a device directly.
 */
@Route("reports/devices")
@PageTitle("Device events")
@Menu(order = 3, icon = "vaadin:search", title = "Device events")
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
class DeviceSearchView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final DeviceSearchService devices;
    private final ReportExportService exports;
    private final boolean allOperators;
    private final TextField id = new TextField("Device ID");
    private final RadioButtonGroup<SearchMode> mode = new RadioButtonGroup<>();
    private final Div message = new Div();
    private final Grid<DeviceMatch> matches = new Grid<>();
    private final Div timeline = new Div();

    DeviceSearchView(DeviceSearchService devices, ReportExportService exports, CurrentActor currentActor) {
        this.exports = exports;
        this.devices = devices;
        this.allOperators = currentActor.actor().operator().isEmpty();
        addClassName("device-search");
        id.setPlaceholder("MAC, SoC ID, serial number or certificate fingerprint");
        id.setHelperText("Any notation: aa:bb:cc:dd:ee:ff, AA-BB-…, aabb.ccdd.eeff, with or without colons");
        id.setClearButtonVisible(true);
        id.setMaxLength(200);
        id.addClassName("device-id");
        mode.setItems(SearchMode.values());
        mode.setItemLabelGenerator(m -> m == SearchMode.EXACT ? "Whole ID" : "Starts with");
        mode.setValue(SearchMode.EXACT);
        mode.addClassName("search-mode");
        var search = new Button("Search", e -> search());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickShortcut(Key.ENTER);
        search.addClassName("search-button");
        var form = new Div(id, mode, search);
        form.addClassName("report-filters");

        message.addClassName("search-message");
        message.setVisible(false);
        configureMatches();
        timeline.addClassName("card");
        timeline.setVisible(false);
        add(new H2("Device events"), form, message, matches, timeline);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("id").ifPresent(value -> {
            id.setValue(value);
            search();
        });
    }

    private void configureMatches() {
        matches.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        matches.addColumn(DeviceMatch::deviceId).setHeader("Device ID").setFlexGrow(4);
        matches.addColumn(DeviceMatch::kind).setHeader("Kind");
        matches.addColumn(DeviceMatch::events).setHeader("Requests").setTextAlign(ColumnTextAlign.END);
        matches.addColumn(m -> TIME.format(m.firstSeen())).setHeader("First seen (UTC)").setFlexGrow(2);
        matches.addColumn(m -> TIME.format(m.lastSeen())).setHeader("Last seen (UTC)").setFlexGrow(2);
        matches.addItemClickListener(e -> showTimeline(e.getItem()));
        matches.addClassName("device-matches");
        matches.setAllRowsVisible(true);
        matches.setVisible(false);
    }

    private void search() {
        matches.setVisible(false);
        timeline.setVisible(false);
        message.removeClassNames("problem", "not-found");
        var result = devices.search(id.getValue(), mode.getValue());
        switch (result) {
            case DeviceSearchResult.Invalid invalid -> say(invalid.message(), "problem");
            case DeviceSearchResult.NotFound notFound -> say(notFound(notFound), "not-found");
            case DeviceSearchResult.Found found -> {
                message.setVisible(found.more());
                message.setText("More than " + DeviceSearchService.PREFIX_MATCHES
                        + " devices start like this; the first are listed. Type more of the ID to narrow it down.");
                if (found.devices().size() == 1 && mode.getValue() == SearchMode.EXACT) {
                    showTimeline(found.devices().getFirst());
                } else {
                    matches.setItems(found.devices());
                    matches.setVisible(true);
                }
            }
        }
    }

    private static String notFound(DeviceSearchResult.NotFound result) {
        String searched = String.join(" or ", result.searched());
        if (result.authorized().isEmpty()) {
            return "No provisioning requests of " + searched + ", and it is on no authorized list.";
        }
        String lists = result.authorized().stream()
                .map(a -> a.operatorCode() + " / " + a.credentialType() + " (part " + a.partNumber() + ")")
                .collect(Collectors.joining("; "));
        return "No provisioning requests of " + searched + " yet, but it is on the authorized list of " + lists + ".";
    }

    private void say(String text, String kind) {
        message.setText(text);
        message.addClassName(kind);
        message.setVisible(true);
    }

    private void showTimeline(DeviceMatch device) {
        var grid = new Grid<DeviceEvent>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(e -> TIME.format(e.occurredAt())).setHeader("Time (UTC)").setWidth("175px").setFlexGrow(0);
        grid.addColumn(DeviceEvent::outcome).setHeader("Outcome").setPartNameGenerator(e -> "outcome-" + e.outcome())
                .setWidth("115px").setFlexGrow(0);
        grid.addColumn(e -> e.rejectionReason().orElse("")).setHeader("Reason").setWidth("200px").setFlexGrow(1)
                .setTooltipGenerator(e -> e.rejectionReason().orElse(""));
        grid.addColumn(DeviceEvent::credentialType).setHeader("Credential type").setWidth("200px").setFlexGrow(2)
                .setTooltipGenerator(DeviceEvent::credentialType);
        grid.addColumn(e -> e.credentialRef().orElse("—")).setHeader("Credential").setWidth("150px").setFlexGrow(1);
        grid.addColumn(DeviceEvent::serverNode).setHeader("Server node").setWidth("110px").setFlexGrow(0);
        grid.addColumn(e -> e.model().orElse("unknown")).setHeader("Model").setWidth("160px").setFlexGrow(1)
                .setTooltipGenerator(e -> e.model().orElse("unknown"));
        if (allOperators) {
            grid.addColumn(DeviceEvent::operatorCode).setHeader("Operator");
        }
        String deviceId = device.deviceId();
        grid.setItems(query -> devices.timeline(deviceId, query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, devices.timelineSize(deviceId)));
        grid.addClassName("device-timeline");
        grid.setHeight("420px");
        var title = new H3(device.deviceId());
        var facts = new Div(device.kind() + " · " + device.events() + " requests · first " + TIME.format(device.firstSeen())
                + " · last " + TIME.format(device.lastSeen()) + " (UTC)");
        facts.addClassName("pool-facts");
        timeline.removeAll();
        var export = new ExportButtons("Export to Excel", "Export as CSV", () -> "device-" + deviceId,
                format -> (out, progress) -> exports.exportTimeline(deviceId, format, out, progress) + " requests exported.");
        timeline.add(title, facts, export, grid);
        timeline.setVisible(true);
    }
}
