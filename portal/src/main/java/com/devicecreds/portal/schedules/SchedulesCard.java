package com.devicecreds.portal.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.reporting.contacts.OperatorContact;
import com.devicecreds.reporting.contacts.OperatorContactService;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.schedules.Delivery;
import com.devicecreds.reporting.schedules.ReportSchedule;
import com.devicecreds.reporting.schedules.ReportScheduleService;
import com.devicecreds.reporting.schedules.ScheduleChange;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The operator's schedules with their actions, and the delivery history of the selected one. */
class SchedulesCard extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private final OperatorRef operator;
    private final ReportScheduleService schedules;
    private final OperatorContactService contacts;
    private final ScheduledReportDelivery delivery;
    private final Grid<ReportSchedule> grid = new Grid<>();
    private final Grid<Delivery> history = new Grid<>();
    private final H3 historyTitle = new H3();

    SchedulesCard(OperatorRef operator, ReportScheduleService schedules, OperatorContactService contacts,
            ScheduledReportDelivery delivery) {
        this.operator = operator;
        this.schedules = schedules;
        this.contacts = contacts;
        this.delivery = delivery;
        addClassNames("card", "schedules-card");
        var create = new Button("New schedule", VaadinIcon.PLUS.create(), e -> edit(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClassName("new-schedule");
        var header = new Div(new H3("Schedules of " + operator.code()), create);
        header.addClassName("card-header");

        grid.addClassName("schedules");
        grid.addColumn(s -> s.title() + (s.format() == ExportFormat.CSV ? " (CSV)" : "")).setHeader("Report").setFlexGrow(2);
        grid.addColumn(s -> s.timing().describe()).setHeader("When").setFlexGrow(3);
        grid.addColumn(s -> s.recipients().stream().map(OperatorContact::name).collect(Collectors.joining(", ")))
                .setHeader("Recipients").setFlexGrow(3);
        grid.addColumn(s -> s.enabled() ? local(s.timing().nextRunAfter(Instant.now()), s.timing().zone()) : "Disabled")
                .setHeader("Next run").setFlexGrow(2);
        grid.addColumn(s -> s.lastDelivery().map(SchedulesCard::outcome).orElse("—")).setHeader("Last run").setFlexGrow(2);
        grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(0).setWidth("310px");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText("No scheduled reports for this operator yet.");
        grid.setAllRowsVisible(true);
        grid.addSelectionListener(e -> showHistory());

        history.addClassName("delivery-history");
        history.addColumn(d -> TIME.format(d.startedAt().atZone(ZoneId.of("UTC")))).setHeader("Started (UTC)").setFlexGrow(2);
        history.addColumn(d -> d.trigger().equals("run-now") ? "Run now by " + d.requestedBy() : "Schedule")
                .setHeader("Trigger").setFlexGrow(2);
        history.addColumn(d -> d.period().label()).setHeader("Period (UTC days)").setFlexGrow(3);
        history.addColumn(d -> d.sent() ? "Sent" : "Failed").setHeader("Outcome").setFlexGrow(1)
                .setPartNameGenerator(d -> d.sent() ? null : "failed");
        history.addColumn(d -> d.rows().map(String::valueOf).orElse("")).setHeader("Rows").setFlexGrow(1);
        history.addColumn(d -> d.sent() ? String.join(", ", d.recipients()) : d.error().orElse(""))
                .setHeader("Recipients / problem").setFlexGrow(4);
        history.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        history.setEmptyStateText("Not run yet.");
        history.setHeight("260px");
        historyTitle.addClassName("history-title");
        historyTitle.setVisible(false);
        history.setVisible(false);
        add(header, grid, historyTitle, history);
        refresh();
    }

    void refresh() {
        var selected = grid.getSelectedItems().stream().findFirst().map(ReportSchedule::id);
        var items = schedules.schedules(operator);
        grid.setItems(items);
        selected.flatMap(id -> items.stream().filter(s -> s.id() == id).findFirst()).ifPresent(grid::select);
        showHistory();
    }

    private void showHistory() {
        var selected = grid.getSelectedItems().stream().findFirst();
        historyTitle.setVisible(selected.isPresent());
        history.setVisible(selected.isPresent());
        selected.ifPresent(s -> {
            historyTitle.setText("Delivery history: " + s.title() + ", " + s.timing().describe());
            history.setItems(query -> schedules.deliveries(s.id(), query.getOffset(), query.getLimit()).stream());
        });
    }

    private Div actions(ReportSchedule s) {
        var edit = small("Edit", VaadinIcon.EDIT, "edit-schedule", () -> edit(s));
        var run = small("Run now", VaadinIcon.PAPERPLANE, "run-now", () -> runNow(s));
        var toggle = small(s.enabled() ? "Disable" : "Enable", s.enabled() ? VaadinIcon.PAUSE : VaadinIcon.PLAY,
                "toggle-schedule", () -> changed(schedules.setEnabled(s.id(), !s.enabled())));
        var delete = small("", VaadinIcon.TRASH, "delete-schedule", () -> confirmDelete(s));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_ICON);
        delete.setAriaLabel("Delete " + s.title());
        var actions = new Div(edit, run, toggle, delete);
        actions.addClassName("schedule-actions");
        return actions;
    }

    private static Button small(String text, VaadinIcon icon, String className, Runnable action) {
        var button = new Button(text, icon.create(), e -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        button.addClassName(className);
        return button;
    }

    private void edit(ReportSchedule schedule) {
        new ScheduleDialog(operator, schedule, contacts.contacts(operator), schedules, saved -> {
            refresh();
            grid.select(saved);
        }).open();
    }

    private void runNow(ReportSchedule s) {
        var result = delivery.runNow(s.id());
        var message = switch (result) {
            case RunResult.Sent sent -> "Sent " + sent.period().label() + " (" + sent.rows() + " rows) to " + sent.recipients()
                    + (sent.recipients() == 1 ? " contact." : " contacts.");
            case RunResult.Skipped skipped -> "Nothing was sent: the schedule changed meanwhile.";
            case RunResult.Refused refused -> refused.message();
            case RunResult.Failed failed -> "The report failed: " + failed.message();
        };
        var note = Notification.show(message, 6000, Notification.Position.BOTTOM_START);
        note.addThemeVariants(result instanceof RunResult.Sent ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
        grid.select(s);
        refresh();
    }

    private void confirmDelete(ReportSchedule s) {
        var confirm = new ConfirmDialog("Delete " + s.titleInSentence() + "?",
                "The schedule and its delivery history are deleted; its recipients stay contacts.", "Delete",
                e -> {
                    schedules.delete(s.id());
                    refresh();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private void changed(ScheduleChange change) {
        if (change instanceof ScheduleChange.Refused refused) {
            Notification.show(refused.message(), 6000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private static String outcome(Delivery d) {
        return (d.sent() ? "Sent " : "Failed ") + TIME.format(d.startedAt().atZone(ZoneId.of("UTC"))) + " UTC";
    }

    private static String local(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone)) + " " + zone.getId();
    }
}
