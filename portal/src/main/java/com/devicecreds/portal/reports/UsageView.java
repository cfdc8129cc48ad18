package com.devicecreds.portal.reports;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.ui.chart.ChartImage;
import com.devicecreds.portal.ui.export.ExportButtons;
import com.devicecreds.reporting.export.ReportExportService;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.ReasonCount;
import com.devicecreds.reporting.usage.TypeComparison;
import com.devicecreds.reporting.usage.UsageCharts;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageQuery.InvalidUsageQueryException;
import com.devicecreds.reporting.usage.UsageReport;
import com.devicecreds.reporting.usage.UsageRow;
import com.devicecreds.reporting.usage.UsageService;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import org.jfree.chart.JFreeChart;

/**
 * Provisioning usage of a period from the daily rollups: requests by credential type, outcomes,
 * rejections by reason and each type against the previous period, as server-rendered charts with
 * the same numbers in tables below them. Operator staff see their operator; other roles choose one
 * or all. Days are UTC days.
 */
@Route("reports/usage")
@PageTitle("Usage")
@Menu(order = 2, icon = "vaadin:chart", title = "Usage")
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
class UsageView extends VerticalLayout {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final int WIDE = 1000;

    private final UsageService usage;
    private final NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.US);
    private final ComboBox<OperatorSummary> operator = new ComboBox<>();
    private final DatePicker from = new DatePicker("From (UTC)");
    private final DatePicker to = new DatePicker("To (UTC)");
    private final Select<Granularity> granularity = new Select<>();
    private final Div problems = new Div();
    private final Div content = new Div();

    UsageView(UsageService usage, ReportExportService exports, OperatorDirectory operators, CurrentActor currentActor,
            Clock clock) {
        this.usage = usage;
        addClassName("usage-view");
        var today = LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
        from.setValue(today.minusDays(29));
        to.setValue(today);
        granularity.setLabel("Per");
        granularity.setItems(Granularity.values());
        granularity.setItemLabelGenerator(Granularity::label);
        granularity.setValue(Granularity.DAY);

        var actor = currentActor.actor();
        var filters = ReportFilters.withOperator(actor, operator, operators.visibleTo(currentActor.scope()), this::show);
        from.addValueChangeListener(e -> show());
        to.addValueChangeListener(e -> show());
        granularity.addValueChangeListener(e -> show());
        var export = new ExportButtons("Export to Excel", "Export as CSV", () -> "usage-" + Optional.ofNullable(operator.getValue())
                .map(o -> o.ref().code()).or(() -> actor.operator().map(o -> o.code())).orElse("all") + "-" + from.getValue()
                + "-" + to.getValue(), format -> {
                    var query = new UsageQuery(Optional.ofNullable(operator.getValue()).map(OperatorSummary::ref),
                            from.getValue(), to.getValue(), granularity.getValue());
                    return (out, progress) -> numbers.format(exports.exportUsage(query, format, out, progress)) + " rows exported.";
                });
        filters.add(from, to, granularity, export);
        problems.addClassName("form-problems");
        problems.setVisible(false);
        content.addClassName("usage-content");
        add(new H2("Usage"), filters, problems, content);
        show();
    }

    private void show() {
        UsageQuery query;
        try {
            query = new UsageQuery(Optional.ofNullable(operator.getValue()).map(OperatorSummary::ref), from.getValue(),
                    to.getValue(), granularity.getValue());
        } catch (InvalidUsageQueryException e) {
            problems.setText(e.getMessage());
            problems.setVisible(true);
            return;
        }
        problems.setVisible(false);
        var report = usage.usage(query);
        content.removeAll();
        content.add(tiles(report),
                card("Requests by credential type", chart("usage-by-type", "Requests per period by credential type",
                        WIDE, 320, report, UsageCharts::requestsByType), rowsTable(report)),
                card("Outcomes", chart("usage-outcomes", "Requests per period by outcome", WIDE, 280,
                        report, UsageCharts::outcomes), null),
                card("Rejections by reason", chart("usage-rejections", "Rejected requests by reason", WIDE,
                        60 + 34 * Math.max(report.rejections().size(), 1), report, UsageCharts::rejections),
                        reasonsTable(report)),
                card("Against the previous " + report.query().days() + " days", chart("usage-previous",
                        "Requests per credential type in this and the previous period", WIDE,
                        70 + 46 * Math.max(report.byType().size(), 1), report, UsageCharts::againstPrevious),
                        comparisonTable(report)));
    }

    private Div tiles(UsageReport report) {
        var current = report.current();
        long before = report.previous().total();
        String change = before == 0 ? "nothing in the previous period"
                : String.format(Locale.US, "%+.1f %% against the previous period", (current.total() - before) * 100.0 / before);
        var tiles = new Div(tile("Requests", current.total(), change), tile("Delivered", current.delivered(), null),
                tile("Re-delivered", current.redelivered(), null),
                tile("Rejected", current.rejected(), String.format(Locale.US, "%.1f %% of requests", current.rejectionRate() * 100)));
        tiles.addClassName("tiles");
        return tiles;
    }

    private Div tile(String label, long value, String note) {
        var l = new Span(label);
        l.addClassName("tile-label");
        var v = new Span(numbers.format(value));
        v.addClassName("tile-value");
        var tile = new Div(l, v);
        if (note != null) {
            var n = new Span(note);
            n.addClassName("tile-note");
            tile.add(n);
        }
        tile.addClassName("tile");
        return tile;
    }

    private ChartImage chart(String name, String alt, int width, int height, UsageReport report,
            java.util.function.Function<UsageReport, JFreeChart> chart) {
        var image = ChartImage.shared(name, alt, width, height, report, chart);
        image.addClassName(name);
        return image;
    }

    private static Div card(String title, ChartImage chart, Grid<?> table) {
        var card = new Div(new H3(title), chart);
        if (table != null) {
            card.add(table);
        }
        card.addClassName("card");
        return card;
    }

    private Grid<UsageRow> rowsTable(UsageReport report) {
        var grid = new Grid<UsageRow>();
        var periods = report.query().granularity();
        grid.addColumn(r -> period(periods, r.period())).setHeader(periods.label() + " (UTC)").setFlexGrow(2);
        grid.addColumn(UsageRow::credentialType).setHeader("Credential type").setFlexGrow(3);
        number(grid, "Delivered", UsageRow::delivered);
        number(grid, "Re-delivered", UsageRow::redelivered);
        number(grid, "Rejected", UsageRow::rejected);
        number(grid, "Total", UsageRow::total);
        grid.setItems(report.rows().reversed());
        grid.addClassName("usage-rows");
        grid.setHeight("300px");
        return grid;
    }

    private Grid<ReasonCount> reasonsTable(UsageReport report) {
        var grid = new Grid<ReasonCount>();
        grid.addColumn(ReasonCount::reason).setHeader("Reason").setFlexGrow(3);
        number(grid, "Rejected", ReasonCount::count);
        grid.setItems(report.rejections());
        grid.setAllRowsVisible(true);
        grid.addClassName("usage-reasons");
        return grid;
    }

    private Grid<TypeComparison> comparisonTable(UsageReport report) {
        var grid = new Grid<TypeComparison>();
        grid.addColumn(TypeComparison::credentialType).setHeader("Credential type").setFlexGrow(3);
        number(grid, "Previous period", TypeComparison::previous);
        number(grid, "This period", TypeComparison::current);
        grid.addColumn(t -> t.changePercent().isPresent() ? String.format(Locale.US, "%+.1f %%", t.changePercent().getAsDouble()) : "—")
                .setHeader("Change").setTextAlign(ColumnTextAlign.END);
        grid.setItems(report.byType());
        grid.setAllRowsVisible(true);
        grid.addClassName("usage-comparison");
        return grid;
    }

    private <T> void number(Grid<T> grid, String header, Function<T, Long> value) {
        grid.addColumn(t -> numbers.format(value.apply(t))).setHeader(header).setTextAlign(ColumnTextAlign.END)
                .setComparator(t -> value.apply(t));
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    }

    private static String period(Granularity granularity, LocalDate start) {
        return switch (granularity) {
            case DAY -> DAY.format(start);
            case WEEK -> "Week of " + DAY.format(start);
            case MONTH -> MONTH.format(start);
        };
    }
}
