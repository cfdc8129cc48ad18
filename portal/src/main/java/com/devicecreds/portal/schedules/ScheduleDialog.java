package com.devicecreds.portal.schedules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.reporting.contacts.OperatorContact;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.schedules.Cadence;
import com.devicecreds.reporting.schedules.ReportKind;
import com.devicecreds.reporting.schedules.ReportSchedule;
import com.devicecreds.reporting.schedules.ReportScheduleService;
import com.devicecreds.reporting.schedules.ScheduleChange;
import com.devicecreds.reporting.schedules.ScheduleDraft;
import com.devicecreds.reporting.schedules.Timing;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.timepicker.TimePicker;

/** Creates or edits a schedule. A refused save shows why and keeps everything as entered. */
class ScheduleDialog extends Dialog {

    private final Select<ReportKind> report = new Select<>();
    private final Select<ExportFormat> format = new Select<>();
    private final Select<Cadence> cadence = new Select<>();
    private final Select<DayOfWeek> weekday = new Select<>();
    private final IntegerField dayOfMonth = new IntegerField("Day of the month");
    private final TimePicker time = new TimePicker("Time");
    private final ComboBox<String> zone = new ComboBox<>("Time zone");
    private final CheckboxGroup<OperatorContact> recipients = new CheckboxGroup<>("Recipients");
    private final Checkbox enabled = new Checkbox("Enabled");
    private final Div problem = new Div();

    ScheduleDialog(OperatorRef operator, ReportSchedule existing, List<OperatorContact> contacts, ReportScheduleService service,
            Consumer<ReportSchedule> saved) {
        setHeaderTitle(existing == null ? "New scheduled report for " + operator.code() : "Edit " + existing.titleInSentence());
        addClassName("schedule-dialog");
        report.setLabel("Report");
        report.setItems(ReportKind.values());
        report.setItemLabelGenerator(ReportKind::label);
        report.addClassName("schedule-report");
        format.setLabel("File");
        format.setItems(ExportFormat.values());
        format.setItemLabelGenerator(f -> f == ExportFormat.XLSX ? "Excel workbook" : "CSV (UTF-8, for scripts)");
        format.addClassName("schedule-format");
        cadence.setLabel("Every");
        cadence.setItems(Cadence.values());
        cadence.setItemLabelGenerator(c -> c == Cadence.WEEKLY ? "Week" : "Month");
        cadence.addClassName("schedule-cadence");
        weekday.setLabel("On");
        weekday.setItems(DayOfWeek.values());
        weekday.setItemLabelGenerator(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        weekday.addClassName("schedule-weekday");
        dayOfMonth.setMin(1);
        dayOfMonth.setMax(Timing.LAST_DAY_OF_MONTH);
        dayOfMonth.setStepButtonsVisible(true);
        dayOfMonth.setHelperText("1 to " + Timing.LAST_DAY_OF_MONTH + ": every month has it");
        dayOfMonth.addClassName("schedule-day");
        time.setStep(java.time.Duration.ofMinutes(15));
        time.addClassName("schedule-time");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.addClassName("schedule-zone");
        recipients.setItems(contacts);
        recipients.setItemLabelGenerator(c -> c.name() + " <" + c.email() + ">");
        recipients.addClassName("schedule-recipients");
        if (contacts.isEmpty()) {
            recipients.setHelperText("This operator has no contacts yet: add them first.");
        }
        cadence.addValueChangeListener(e -> {
            weekday.setVisible(e.getValue() == Cadence.WEEKLY);
            dayOfMonth.setVisible(e.getValue() == Cadence.MONTHLY);
        });

        if (existing == null) {
            report.setValue(ReportKind.USAGE);
            format.setValue(ExportFormat.XLSX);
            cadence.setValue(Cadence.WEEKLY);
            weekday.setValue(DayOfWeek.MONDAY);
            dayOfMonth.setValue(1);
            time.setValue(LocalTime.of(6, 0));
            zone.setValue("UTC");
            enabled.setValue(true);
        } else {
            var t = existing.timing();
            report.setValue(existing.report());
            format.setValue(existing.format());
            cadence.setValue(t.cadence());
            weekday.setValue(t.weekday().orElse(DayOfWeek.MONDAY));
            dayOfMonth.setValue(t.dayOfMonth().orElse(1));
            time.setValue(t.time());
            zone.setValue(t.zone().getId());
            enabled.setValue(existing.enabled());
            var chosen = existing.recipients().stream().map(OperatorContact::id).collect(Collectors.toSet());
            recipients.setValue(contacts.stream().filter(c -> chosen.contains(c.id())).collect(Collectors.toSet()));
        }
        problem.addClassNames("form-problems", "schedule-problem");
        problem.setVisible(false);
        var when = new Div(cadence, weekday, dayOfMonth, time, zone);
        when.addClassName("schedule-when");
        var form = new Div(report, format, when, recipients, enabled, problem);
        form.addClassName("schedule-form");
        add(form);

        var save = new Button("Save", e -> save(operator, existing, service, saved));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClassName("save-schedule");
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void save(OperatorRef operator, ReportSchedule existing, ReportScheduleService service,
            Consumer<ReportSchedule> saved) {
        var timing = timing();
        if (timing == null) {
            return;
        }
        var draft = new ScheduleDraft(operator, report.getValue(), timing, enabled.getValue(),
                recipients.getValue().stream().map(OperatorContact::id).collect(Collectors.toSet()), format.getValue());
        var change = existing == null ? service.create(draft) : service.update(existing.id(), draft);
        switch (change) {
            case ScheduleChange.Saved done -> {
                close();
                saved.accept(done.schedule());
            }
            case ScheduleChange.Refused refused -> show(refused.message());
        }
    }

    /** The timing as entered, or null after showing what is missing. */
    private Timing timing() {
        if (time.isEmpty() || time.isInvalid()) {
            show("Enter the time of day, such as 06:00.");
            return null;
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone.getValue() == null ? "" : zone.getValue());
        } catch (java.time.DateTimeException e) {
            show("Choose a time zone from the list, such as Europe/Berlin or UTC.");
            return null;
        }
        if (cadence.getValue() == Cadence.WEEKLY) {
            return Timing.weekly(weekday.getValue(), time.getValue(), zoneId);
        }
        Integer day = dayOfMonth.getValue();
        if (day == null || day < 1 || day > Timing.LAST_DAY_OF_MONTH) {
            show("Choose a day of the month from 1 to " + Timing.LAST_DAY_OF_MONTH + ".");
            return null;
        }
        return Timing.monthly(day, time.getValue(), zoneId);
    }

    private void show(String message) {
        problem.setText(message);
        problem.setVisible(true);
    }
}
