package com.devicecreds.portal.inventory;

import java.time.Duration;
import java.util.OptionalInt;

import com.devicecreds.inventory.threshold.InvalidThresholdsException;
import com.devicecreds.inventory.threshold.Limit;
import com.devicecreds.inventory.threshold.ThresholdService;
import com.devicecreds.inventory.threshold.Thresholds;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.IntegerField;

/**
 * Edits one pool's thresholds. Invalid values are explained in the dialog and nothing typed is lost;
 * the service validates again and records the change (old and new values) in the audit trail.
 */
class ThresholdsDialog extends Dialog {

    private final IntegerField warningCount = field("warning-count", "Warning at count", "credentials");
    private final IntegerField warningPercent = field("warning-percent", "Warning at share of loaded", "%");
    private final IntegerField warningDays = field("warning-days", "Warning at runway", "days");
    private final IntegerField criticalCount = field("critical-count", "Critical at count", "credentials");
    private final IntegerField criticalPercent = field("critical-percent", "Critical at share of loaded", "%");
    private final IntegerField criticalDays = field("critical-days", "Critical at runway", "days");
    private final IntegerField leadTime = field("lead-time", "Key-generation lead time", "days");
    private final IntegerField margin = field("recovery-margin", "Recovery margin", "%");
    private final IntegerField pending = field("pending-period", "Pending period", "minutes");
    private final UnorderedList problems = new UnorderedList();

    ThresholdsDialog(String poolName, int credentialTypeId, ThresholdService service, Runnable saved) {
        setHeaderTitle("Thresholds · " + poolName);
        addClassName("thresholds-dialog");
        var current = service.thresholdsOf(credentialTypeId);
        show(current);
        leadTime.setRequiredIndicatorVisible(true);
        margin.setRequiredIndicatorVisible(true);
        pending.setRequiredIndicatorVisible(true);

        var form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("520px", 3));
        form.add(section("Warning: any criterion reached"), 3);
        form.add(warningCount, warningPercent, warningDays);
        form.add(section("Critical: any criterion reached"), 3);
        form.add(criticalCount, criticalPercent, criticalDays);
        form.add(section("Alerting"), 3);
        form.add(leadTime, margin, pending);
        problems.addClassName("form-problems");
        problems.setVisible(false);
        add(new Div(problems), form);

        var save = new Button("Save thresholds", e -> {
            var missing = missingRequired();
            if (!missing.isEmpty()) {
                showProblems(missing);
                return;
            }
            try {
                service.update(credentialTypeId, read());
                Notification.show("Thresholds of " + poolName + " saved", 4000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                close();
                saved.run();
            } catch (InvalidThresholdsException invalid) {
                showProblems(invalid.problems());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, save);
    }

    private java.util.List<String> missingRequired() {
        var missing = new java.util.ArrayList<String>();
        if (leadTime.getValue() == null) {
            missing.add("The lead time is required");
        }
        if (margin.getValue() == null) {
            missing.add("The recovery margin is required");
        }
        if (pending.getValue() == null) {
            missing.add("The pending period is required");
        }
        return missing;
    }

    private Thresholds read() {
        return new Thresholds(Limit.of(warningCount.getValue(), warningPercent.getValue(), warningDays.getValue()),
                Limit.of(criticalCount.getValue(), criticalPercent.getValue(), criticalDays.getValue()),
                leadTime.getValue(), margin.getValue(), Duration.ofMinutes(pending.getValue()));
    }

    private void show(Thresholds t) {
        set(warningCount, t.warning().available());
        set(warningPercent, t.warning().percentOfLoaded());
        set(warningDays, t.warning().runwayDays());
        set(criticalCount, t.critical().available());
        set(criticalPercent, t.critical().percentOfLoaded());
        set(criticalDays, t.critical().runwayDays());
        leadTime.setValue(t.leadTimeDays());
        margin.setValue(t.recoveryMarginPercent());
        pending.setValue((int) t.pendingPeriod().toMinutes());
    }

    private void showProblems(java.util.List<String> messages) {
        problems.removeAll();
        messages.forEach(m -> problems.add(new ListItem(m)));
        problems.setVisible(true);
    }

    private static void set(IntegerField field, OptionalInt value) {
        field.setValue(value.isPresent() ? value.getAsInt() : null);
    }

    private static IntegerField field(String id, String label, String unit) {
        var field = new IntegerField(label);
        field.setId(id);
        field.setSuffixComponent(new Div(unit));
        field.setMin(0);
        field.setClearButtonVisible(true);
        return field;
    }

    private static H4 section(String title) {
        var h = new H4(title);
        h.addClassName("form-section");
        return h;
    }
}
