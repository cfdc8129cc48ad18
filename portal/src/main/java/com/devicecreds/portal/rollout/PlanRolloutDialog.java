package com.devicecreds.portal.rollout;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.reporting.rollout.NewRollout;
import com.devicecreds.reporting.rollout.Rollout;
import com.devicecreds.reporting.rollout.RolloutListPart;
import com.devicecreds.reporting.rollout.RolloutRefusedException;
import com.devicecreds.reporting.rollout.RolloutService;
import com.devicecreds.reporting.rollout.RolloutType;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The form that plans a rollout: operator, one of its authorized credential types, target devices,
 * window, the project manager's e-mail (the signed-in user's, when known) and the operator's list
 * parts involved. A refused plan keeps everything entered and says what to change.
 */
class PlanRolloutDialog extends Dialog {

    private final RolloutService rollouts;
    private final Select<OperatorSummary> operator = new Select<>();
    private final Select<RolloutType> type = new Select<>();
    private final TextField name = new TextField("Name");
    private final IntegerField target = new IntegerField("Target devices");
    private final DatePicker windowStart = new DatePicker("Window from (UTC)");
    private final DatePicker windowEnd = new DatePicker("Window to (UTC)");
    private final EmailField projectManager = new EmailField("Project manager's e-mail");
    private final MultiSelectComboBox<RolloutListPart> listParts = new MultiSelectComboBox<>("Authorized list parts");
    private final Div problems = new Div();

    PlanRolloutDialog(RolloutService rollouts, List<OperatorSummary> operators, Optional<String> email,
            Consumer<Rollout> planned) {
        this.rollouts = rollouts;
        setHeaderTitle("Plan a rollout");
        addClassName("plan-rollout-dialog");
        operator.setLabel("Operator");
        operator.setItems(operators);
        operator.setItemLabelGenerator(OperatorSummary::name);
        operator.addClassName("rollout-operator");
        operator.addValueChangeListener(e -> typesOf(e.getValue()));
        type.setLabel("Credential type");
        type.setItemLabelGenerator(RolloutType::name);
        type.setEmptySelectionAllowed(false);
        type.addClassName("rollout-type");
        type.addValueChangeListener(e -> partsOf(operator.getValue(), e.getValue()));
        name.setMaxLength(120);
        name.setRequired(true);
        name.addClassName("rollout-name");
        target.setMin(1);
        target.setMax(100_000_000);
        target.setStepButtonsVisible(false);
        target.addClassName("rollout-target");
        target.setHelperText("Devices to provision");
        var today = LocalDate.now(ZoneOffset.UTC);
        windowStart.setValue(today);
        windowEnd.setValue(today.plusWeeks(4));
        windowStart.addClassName("rollout-window-start");
        windowEnd.addClassName("rollout-window-end");
        projectManager.setHelperText("Receives the go-ahead, with the operator's contacts");
        projectManager.addClassName("rollout-pm-email");
        email.ifPresent(projectManager::setValue);
        listParts.setItemLabelGenerator(RolloutListPart::label);
        listParts.setHelperText("The parts of the operator's list this rollout provisions (optional)");
        listParts.addClassName("rollout-list-parts");
        problems.addClassName("form-problems");
        problems.setVisible(false);

        var form = new FormLayout(operator, type, name, target, windowStart, windowEnd, projectManager, listParts);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("520px", 2));
        form.setColspan(name, 2);
        form.setColspan(listParts, 2);
        add(problems, form);

        var plan = new Button("Plan rollout", e -> plan(planned));
        plan.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        plan.addClassName("confirm-plan");
        getFooter().add(new Button("Cancel", e -> close()), plan);
        if (operators.size() == 1) {
            operator.setValue(operators.getFirst());
        }
    }

    private void typesOf(OperatorSummary chosen) {
        var types = chosen == null ? List.<RolloutType>of() : rollouts.typeChoices(chosen.ref());
        type.setItems(types);
        if (!types.isEmpty()) {
            type.setValue(types.getFirst());
        }
    }

    private void partsOf(OperatorSummary chosenOperator, RolloutType chosenType) {
        listParts.clear();
        listParts.setItems(chosenOperator == null || chosenType == null ? List.of()
                : rollouts.listPartChoices(chosenOperator.ref(), chosenType.id()));
    }

    private void plan(Consumer<Rollout> planned) {
        var missing = new java.util.ArrayList<String>();
        if (operator.getValue() == null) {
            missing.add("Choose the operator.");
        }
        if (type.getValue() == null) {
            missing.add("Choose the credential type.");
        }
        if (target.getValue() == null) {
            missing.add(target.isInvalid() || !target.getElement().getProperty("value", "").isEmpty()
                    ? "The target is a whole number of devices." : "Give the number of target devices.");
        }
        if (!missing.isEmpty()) {
            show(String.join(" ", missing));
            return;
        }
        try {
            var created = rollouts.create(new NewRollout(operator.getValue().ref(), type.getValue().id(), name.getValue(),
                    target.getValue(), windowStart.getValue(), windowEnd.getValue(), projectManager.getValue(),
                    listParts.getSelectedItems().stream().map(RolloutListPart::id).toList()));
            close();
            planned.accept(created);
        } catch (RolloutRefusedException e) {
            show(e.getMessage());
        }
    }

    private void show(String message) {
        problems.setText(message);
        problems.setVisible(true);
    }
}
