package com.devicecreds.portal.reports;

import java.io.InputStream;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.ui.chart.ChartImage;
import com.devicecreds.portal.ui.export.ExportButton;
import com.devicecreds.portal.ui.export.ExportButtons;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.lists.ListPartImport;
import com.devicecreds.reporting.lists.ListPartImportService;
import com.devicecreds.reporting.lists.RowProblem;
import com.devicecreds.reporting.missing.MissingId;
import com.devicecreds.reporting.missing.MissingIdCharts;
import com.devicecreds.reporting.missing.MissingIdQuery;
import com.devicecreds.reporting.missing.MissingIdService;
import com.devicecreds.reporting.missing.MissingIdStatus;
import com.devicecreds.reporting.missing.PartConvergence;
import com.devicecreds.reporting.missing.TypeChoice;
import com.devicecreds.portal.grid.GridCells;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;

/**
 * The missing device IDs of an operator: devices that asked but were not on the authorized list (or
 * had no pre-bound credential), with their status from new through sent (in export k) to resolved (by
 * list part k+1). Operator staff see and export their own operator's list; PKI operations and
 * administrators also import the operator's next list part, which reconciles the list. The chart
 * shows how the list converges part by part. Times are UTC. {@code ?operator=code&type=id} opens a
 * list directly (links from e-mails and other views).
 */
@Route("reports/missing-ids")
@PageTitle("Missing device IDs")
@Menu(order = 4, icon = "vaadin:question-circle-o", title = "Missing IDs")
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
class MissingIdsView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final MissingIdService missing;
    private final ListPartImportService imports;
    private final NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.US);
    private final ComboBox<OperatorSummary> operator = new ComboBox<>();
    private final ComboBox<TypeChoice> type = new ComboBox<>();
    private final Select<MissingIdStatus> status = new Select<>();
    private final Grid<MissingId> grid = new Grid<>();
    private final Span total = new Span();
    private final Div convergence = new Div();
    private final Div importResult = new Div();
    private final Upload upload = new Upload(this::receive);
    private final ExportButtons exportButton = new ExportButtons("Export for the operator", "… as CSV", this::exportName,
            this::export);
    private final Optional<OperatorRef> ownOperator;
    private final boolean mayExport;
    private final List<OperatorSummary> visibleOperators;
    /** The choice the import applies to, read by the upload request outside the session lock. */
    private volatile Target target;

    private record Target(OperatorRef operator, TypeChoice type) {
    }

    MissingIdsView(MissingIdService missing, ListPartImportService imports, OperatorDirectory operators,
            CurrentActor currentActor) {
        this.missing = missing;
        this.imports = imports;
        addClassName("missing-ids-view");
        var actor = currentActor.actor();
        this.ownOperator = actor.operator();
        this.mayExport = actor.hasRole(Roles.OPERATOR_STAFF) || actor.hasRole(Roles.PKI_OPS) || actor.hasRole(Roles.ADMIN);
        boolean mayImport = actor.hasRole(Roles.PKI_OPS) || actor.hasRole(Roles.ADMIN);

        this.visibleOperators = operators.visibleTo(currentActor.scope());
        var filters = ReportFilters.withOperator(actor, operator, visibleOperators, () -> {
            type.setItems(missing.credentialTypes(chosenOperator()));
            show();
        });
        type.setLabel("Credential type");
        type.setItems(missing.credentialTypes(chosenOperator()));
        type.setItemLabelGenerator(TypeChoice::name);
        type.setClearButtonVisible(true);
        type.setPlaceholder("All types");
        type.addClassName("type-choice");
        type.addValueChangeListener(e -> show());
        status.setLabel("Status");
        status.setItems(MissingIdStatus.values());
        status.setItemLabelGenerator(s -> s == null ? "Any status" : s.label());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any status");
        status.addValueChangeListener(e -> show());
        filters.add(type, status);
        if (mayExport) {
            exportButton.setExportTooltip("Exports the open IDs and marks them as sent in the operator's next export");
            filters.add(exportButton);
        }

        configureGrid();
        total.addClassName("missing-total");
        var list = new Div(new H3("Missing device IDs"), total, grid);
        list.addClassNames("card", "missing-list");
        convergence.addClassNames("card", "missing-convergence");
        add(new H2("Missing device IDs"), filters, list, convergence);
        if (mayImport) {
            add(importCard());
        }
        show();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters();
        // Operator staff have no choice (their operator is fixed): the parameter only steers the others'.
        parameters.getSingleParameter("operator").filter(code -> ownOperator.isEmpty()).ifPresent(code -> visibleOperators.stream()
                .filter(o -> o.ref().code().equals(code)).findFirst().ifPresent(operator::setValue));
        parameters.getSingleParameter("type").ifPresent(id -> missing.credentialTypes(chosenOperator()).stream()
                .filter(t -> Integer.toString(t.id()).equals(id)).findFirst().ifPresent(type::setValue));
    }

    private void configureGrid() {
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addClassName("missing-grid");
        grid.addColumn(MissingId::deviceId).setHeader("Device ID").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(MissingId::deviceId);
        if (ownOperator.isEmpty()) {
            grid.addColumn(MissingId::operatorCode).setHeader("Operator").setWidth("120px").setFlexGrow(0);
        }
        grid.addColumn(MissingId::credentialType).setHeader("Credential type").setFlexGrow(2)
                .setTooltipGenerator(MissingId::credentialType);
        grid.addColumn(m -> TIME.format(m.firstSeen())).setHeader("First seen (UTC)").setFlexGrow(0).setWidth("170px");
        grid.addColumn(m -> TIME.format(m.lastSeen())).setHeader("Last seen (UTC)").setFlexGrow(0).setWidth("170px");
        grid.addColumn(m -> numbers.format(m.attempts())).setHeader("Attempts").setTextAlign(ColumnTextAlign.END)
                .setFlexGrow(0).setWidth("105px");
        grid.addColumn(m -> m.model().orElse("—")).setHeader("Model").setFlexGrow(1)
                .setTooltipGenerator(m -> m.model().orElse("unknown"));
        grid.addColumn(GridCells.badge(
                m -> "missing-status missing-status-" + m.status().name().toLowerCase(Locale.ROOT), MissingIdsView::statusText)).setHeader("Status").setFlexGrow(0).setWidth("190px");
        grid.setHeight("420px");
    }

    private static String statusText(MissingId m) {
        return switch (m.status()) {
            case NEW -> "New";
            case SENT -> "Sent in export " + m.sentInExport().orElse(0);
            case RESOLVED -> "Resolved by part " + m.resolvedByPart().orElse(0);
        };
    }

    private Optional<OperatorRef> chosenOperator() {
        return ownOperator.isPresent() ? ownOperator : Optional.ofNullable(operator.getValue()).map(OperatorSummary::ref);
    }

    private MissingIdQuery query() {
        return new MissingIdQuery(chosenOperator(), Optional.ofNullable(type.getValue()).map(TypeChoice::id),
                Optional.ofNullable(status.getValue()));
    }

    private void show() {
        var query = query();
        // The export is of one operator's list: choose the operator first.
        exportButton.setEnabled(chosenOperator().isPresent());
        target = chosenOperator().isPresent() && type.getValue() != null
                ? new Target(chosenOperator().get(), type.getValue()) : null;
        var totals = missing.totals(query);
        // The grid asks for its size as this response is written: the count just read answers that
        // first question; later ones (a refresh) read it again.
        var justRead = new java.util.concurrent.atomic.AtomicReference<Long>(totals.listed());
        grid.setItems(q -> missing.page(query, q.getOffset(), q.getLimit()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, Optional.ofNullable(justRead.getAndSet(null))
                        .orElseGet(() -> missing.count(query))));
        total.setText(numbers.format(totals.listed()) + " IDs listed, " + numbers.format(totals.notYetSent()) + " not yet sent");
        showConvergence();
    }

    private void showConvergence() {
        convergence.removeAll();
        convergence.add(new H3("Convergence over the list parts"));
        var chosen = chosenOperator();
        if (chosen.isEmpty()) {
            convergence.add(hint("Choose an operator to see how its missing IDs converge part by part."));
            return;
        }
        List<PartConvergence> parts = missing.convergence(chosen.get(), Optional.ofNullable(type.getValue()).map(TypeChoice::id));
        if (parts.isEmpty()) {
            convergence.add(hint("No authorized list parts yet."));
            return;
        }
        var chart = ChartImage.shared("missing-convergence", "Missing IDs resolved by and still missing after each list part",
                800, 300, parts, MissingIdCharts::convergence);
        chart.addClassName("convergence-chart");
        var table = new Grid<PartConvergence>();
        table.addThemeVariants(GridVariant.LUMO_COMPACT);
        table.addColumn(p -> "Part " + p.partNumber()).setHeader("List part");
        table.addColumn(p -> numbers.format(p.listedInPart())).setHeader("IDs added").setTextAlign(ColumnTextAlign.END);
        table.addColumn(p -> numbers.format(p.resolvedByPart())).setHeader("Resolved by it").setTextAlign(ColumnTextAlign.END);
        table.addColumn(p -> numbers.format(p.stillMissing())).setHeader("Still missing after it")
                .setTextAlign(ColumnTextAlign.END);
        table.setItems(parts);
        table.setAllRowsVisible(true);
        table.addClassName("convergence-table");
        convergence.add(chart, table);
    }

    private static Paragraph hint(String text) {
        var p = new Paragraph(text);
        p.addClassName("hint");
        return p;
    }

    private String exportName() {
        return "missing-ids-" + chosenOperator().map(OperatorRef::code).orElse("all");
    }

    private ExportButton.Export export(ExportFormat format) {
        var chosen = chosenOperator();
        var typeId = Optional.ofNullable(type.getValue()).map(TypeChoice::id);
        return (out, progress) -> {
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("Choose the operator to export the list for.");
            }
            var result = missing.exportForOperator(chosen.get(), typeId, format, out, progress);
            String numbersByType = result.exportNumberByType().entrySet().stream()
                    .map(e -> e.getKey() + ": export " + e.getValue()).collect(Collectors.joining("; "));
            getUI().ifPresent(ui -> ui.access(this::show));
            return numbers.format(result.rows()) + " missing IDs exported for " + result.operatorCode()
                    + (numbersByType.isEmpty() ? "" : " (" + numbersByType + ")") + ".";
        };
    }

    private Div importCard() {
        upload.setUploadFormat(UploadFormat.RAW);
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".csv", ".txt", ".xlsx");
        upload.setMaxFileSize(20 * 1024 * 1024);
        upload.addClassName("list-part-upload");
        importResult.addClassName("import-result");
        importResult.setVisible(false);
        var card = new Div(new H3("Import the operator's next authorized list part"),
                new Paragraph("Choose the operator and the credential type above, then upload a CSV (one device ID per "
                        + "line, first column) or an Excel workbook (column A of the first sheet), at most 20 MB and a "
                        + "million rows. Any row that is no device ID of the type's kind refuses the whole part."),
                upload, importResult);
        card.addClassNames("card", "import-card");
        return card;
    }

    /** Runs on the upload request without the session lock; shows the answer in the UI. */
    private void receive(UploadEvent event) throws java.io.IOException {
        var chosen = target;
        ListPartImport result;
        if (chosen == null) {
            result = new ListPartImport.Refused("Choose the operator and the credential type first; nothing was imported.",
                    List.of(), 0);
        } else {
            try (InputStream in = event.getInputStream()) {
                result = imports.importPart(chosen.operator(), chosen.type().id(), event.getFileName(), in);
            }
        }
        var answer = result;
        event.getUI().access(() -> showImport(answer));
    }

    private void showImport(ListPartImport result) {
        importResult.removeAll();
        importResult.setVisible(true);
        upload.clearFileList(); // ready for the next part: one file at a time
        switch (result) {
            case ListPartImport.Imported i -> {
                importResult.setClassName("import-result report report-accepted");
                importResult.add(new Paragraph("Imported as part " + i.partNumber() + ": " + numbers.format(i.newlyListed())
                        + " device IDs added, " + numbers.format(i.alreadyListed()) + " already listed, "
                        + numbers.format(i.duplicates()) + " repeated within the file; " + numbers.format(i.resolved())
                        + " missing IDs resolved."));
                show();
            }
            case ListPartImport.Refused r -> {
                importResult.setClassName("import-result report report-refused");
                importResult.add(new Paragraph(r.message()));
                if (!r.problems().isEmpty()) {
                    var problems = new Grid<RowProblem>();
                    problems.addThemeVariants(GridVariant.LUMO_COMPACT);
                    problems.addColumn(RowProblem::line).setHeader("Line").setFlexGrow(0).setWidth("90px");
                    problems.addColumn(RowProblem::value).setHeader("Value");
                    problems.addColumn(RowProblem::problem).setHeader("Problem");
                    problems.setItems(r.problems());
                    problems.setAllRowsVisible(true);
                    problems.addClassName("import-problems");
                    importResult.add(problems);
                }
            }
        }
    }
}
