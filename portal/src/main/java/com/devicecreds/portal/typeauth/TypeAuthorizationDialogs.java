package com.devicecreds.portal.typeauth;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The dialogs of {@link TypeAuthorizationCard}. Each sends its request to the service; a refusal shows
 * every problem above the fields and keeps what was entered.
 */
final class TypeAuthorizationDialogs {

    private TypeAuthorizationDialogs() {
    }

    /** Authorize an operator, or a revoked one again (its last models chosen to begin with). */
    static void authorize(TypeAuthorizationCard card, Optional<OperatorAuthorization> again) {
        var service = card.service();
        var operator = new Select<OperatorSummary>();
        operator.setLabel("Operator");
        operator.setItemLabelGenerator(OperatorSummary::name);
        operator.setItems(service.authorizableOperators(card.credentialTypeId()));
        operator.addClassName("authorize-operator-select");
        operator.setWidthFull();
        var models = modelChooser(card, "Device models");
        again.ifPresent(a -> {
            operator.getListDataView().getItems().filter(o -> o.ref().equals(a.operator())).findFirst().ifPresent(operator::setValue);
            operator.setReadOnly(true);
            models.setValue(Set.copyOf(a.models()));
        });
        open(again.isPresent() ? "Authorize " + again.get().operatorName() + " again" : "Authorize an operator for " + card.typeName(),
                "authorize-dialog", "Request authorization", () -> {
                    if (operator.getValue() == null) {
                        throw new ChangeRefusedException("Choose the operator.");
                    }
                    service.requestGrant(card.credentialTypeId(), operator.getValue().ref(), ids(models.getValue()));
                    return "Authorization requested: it takes effect when someone else approves.";
                }, card, new Paragraph("The operator's devices of the chosen models may then ask for " + card.typeName() + "."),
                operator, models);
    }

    static void revoke(TypeAuthorizationCard card, OperatorAuthorization authorization) {
        var reason = new TextArea("Reason (required)");
        reason.setMaxLength(1000);
        reason.setWidthFull();
        reason.addClassName("revoke-reason");
        open("Revoke " + authorization.operatorName() + "?", "revoke-dialog", "Request revocation", () -> {
            card.service().requestRevoke(card.credentialTypeId(), authorization.operator(), reason.getValue());
            return "Revocation requested: it takes effect when someone else approves.";
        }, card, new Paragraph("Once approved, every device of " + authorization.operatorName() + " asking for "
                + card.typeName() + " is refused. Its rollouts, list parts and history are kept."), reason);
    }

    /** The operator's models as one choice; the request adds and removes the difference. */
    static void models(TypeAuthorizationCard card, OperatorAuthorization authorization) {
        var models = modelChooser(card, "Authorized device models");
        Set<DeviceModel> before = Set.copyOf(authorization.models());
        models.setValue(before);
        open("Device models of " + authorization.operatorName(), "models-dialog", "Request change", () -> {
            var after = models.getValue();
            var add = after.stream().filter(m -> !before.contains(m)).collect(Collectors.toSet());
            var remove = before.stream().filter(m -> !after.contains(m)).collect(Collectors.toSet());
            card.service().requestModelChange(card.credentialTypeId(), authorization.operator(), ids(add), ids(remove));
            return "Model change requested: it takes effect when someone else approves.";
        }, card, new Paragraph("Devices of other models are refused (model not authorized)."), models);
    }

    /** Registers a model in the catalogue at once; it authorizes nothing. */
    static void registerModel(TypeAuthorizationCard card) {
        var manufacturer = new TextField("Manufacturer");
        manufacturer.addClassName("model-manufacturer");
        manufacturer.setMaxLength(100);
        var name = new TextField("Model");
        name.addClassName("model-name");
        name.setMaxLength(100);
        open("Register a device model", "register-model-dialog", "Register", () -> {
            var model = card.service().registerDeviceModel(manufacturer.getValue(), name.getValue());
            return model.label() + " is in the catalogue: authorize it for operators with Models….";
        }, card, new Paragraph("Registering a model authorizes nothing: operators authorize it per type."), manufacturer, name);
    }

    private static MultiSelectComboBox<DeviceModel> modelChooser(TypeAuthorizationCard card, String label) {
        var models = new MultiSelectComboBox<DeviceModel>(label);
        models.setItems(card.service().deviceModels());
        models.setItemLabelGenerator(DeviceModel::label);
        models.setWidthFull();
        models.addClassName("model-choice");
        return models;
    }

    private static void open(String title, String className, String action, Supplier<String> request, TypeAuthorizationCard card,
            Component... content) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.addClassName(className);
        dialog.setWidth("560px");
        var problems = new Div();
        problems.addClassName("form-problems");
        problems.setVisible(false);
        dialog.add(problems);
        dialog.add(content);
        var submit = new Button(action, e -> {
            try {
                String done = request.get();
                dialog.close();
                card.requested(done);
            } catch (ChangeRefusedException refused) {
                problems.setText(refused.getMessage());
                problems.setVisible(true);
            }
        });
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClassName("submit");
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), submit);
        dialog.open();
    }

    private static Set<Integer> ids(Set<DeviceModel> models) {
        return models.stream().map(DeviceModel::id).collect(Collectors.toCollection(HashSet::new));
    }
}
