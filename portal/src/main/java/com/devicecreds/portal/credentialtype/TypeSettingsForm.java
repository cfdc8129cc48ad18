package com.devicecreds.portal.credentialtype;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.OperatorRef;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The settings of a credential type as a form, for creating a type and for editing one. Settings
 * under dual control say so in their helper text; kind, device-ID kind and binding mode are locked
 * once the type is in use, and the code once it exists.
 */
class TypeSettingsForm extends FormLayout {

    static final String DUAL_CONTROL = "Takes effect after a second person approves";
    private static final Optional<OperatorSummary> SHARED = Optional.empty();

    private final TypeCatalogue catalogue;
    private final TextField code = new TextField("Code");
    private final TextField name = new TextField("Name");
    private final Select<TypeCatalogue.Kind> kind = new Select<>();
    private final Select<Optional<OperatorSummary>> owner = new Select<>();
    private final Select<TypeCatalogue.IdKind> idKind = new Select<>();
    private final Select<Choice> binding = new Select<>();
    private final Select<Choice> redelivery = new Select<>();
    private final Checkbox listRequired = new Checkbox("The authorized device-ID list is required");
    private final Select<Choice> keyAgreement = new Select<>();
    private final Select<Choice> encryption = new Select<>();
    private final IntegerField approvals = new IntegerField("Approvals per load");

    TypeSettingsForm(TypeCatalogue catalogue) {
        this.catalogue = catalogue;
        addClassName("type-settings-form");
        code.setMaxLength(64);
        code.setHelperText("Lower-case letters, digits, hyphens; devices ask by it, so it never changes");
        code.addClassName("type-code");
        name.setMaxLength(100);
        name.setHelperText("Shown in the portal; changes at once");
        name.addClassName("type-name");
        select(kind, "Kind of credential", catalogue.kinds(), TypeCatalogue.Kind::name, "type-kind");
        var owners = new ArrayList<Optional<OperatorSummary>>();
        owners.add(SHARED);
        catalogue.operators().forEach(o -> owners.add(Optional.of(o)));
        select(owner, "Owner", owners, o -> o.map(OperatorSummary::name).orElse("Shared (origin credentials)"), "type-owner");
        select(idKind, "Device-ID kind", catalogue.idKinds(), TypeCatalogue.IdKind::name, "type-id-kind");
        select(binding, "Binding mode", Choice.BINDING_MODES, Choice::label, "type-binding");
        select(redelivery, "Re-delivery to a device that asks again", Choice.REDELIVERY, Choice::label, "type-redelivery");
        select(keyAgreement, "Key agreement (session key)", Choice.KEY_AGREEMENTS, Choice::label, "type-key-agreement");
        select(encryption, "Encryption of credentials", Choice.ENCRYPTION_MODES, Choice::label, "type-encryption");
        listRequired.addClassName("type-list-required");
        approvals.setMin(1);
        approvals.setMax(5);
        approvals.setStepButtonsVisible(true);
        approvals.addClassName("type-approvals");
        approvals.setHelperText("Distinct approvers of a credential load besides its submitter. " + DUAL_CONTROL);
        add(code, name, kind, owner, idKind, binding, redelivery, keyAgreement, encryption, approvals, listRequired);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("640px", 2));
        setColspan(listRequired, 2);
    }

    private static <T> void select(Select<T> select, String label, List<T> items, java.util.function.Function<T, String> text,
            String cssName) {
        select.setLabel(label);
        select.setItems(items);
        select.setItemLabelGenerator(text::apply);
        select.setHelperText(DUAL_CONTROL);
        select.addClassName(cssName);
    }

    void read(TypeSettings s) {
        code.setValue(s.code());
        name.setValue(s.name());
        catalogue.kinds().stream().filter(k -> k.code().equals(s.credentialKind())).findFirst().ifPresent(kind::setValue);
        owner.setValue(s.owner().flatMap(o -> catalogue.operators().stream().filter(x -> x.ref().id() == o.id()).findFirst()));
        catalogue.idKinds().stream().filter(k -> k.code().equals(s.deviceIdKind())).findFirst().ifPresent(idKind::setValue);
        Choice.find(Choice.BINDING_MODES, s.bindingMode()).ifPresent(binding::setValue);
        redelivery.setValue(Choice.redelivery(s.redeliveryAllowed()));
        listRequired.setValue(s.idListRequired());
        Choice.find(Choice.KEY_AGREEMENTS, s.keyAgreement()).ifPresent(keyAgreement::setValue);
        Choice.find(Choice.ENCRYPTION_MODES, s.encryptionMode()).ifPresent(encryption::setValue);
        approvals.setValue(s.approvalsRequired());
    }

    /** Sensible starting values for a new type. */
    void readDefaults() {
        catalogue.kinds().stream().findFirst().ifPresent(kind::setValue);
        owner.setValue(SHARED);
        catalogue.idKinds().stream().filter(k -> k.code().equals("mac")).findFirst().ifPresent(idKind::setValue);
        binding.setValue(Choice.BINDING_MODES.get(1));
        redelivery.setValue(Choice.redelivery(true));
        listRequired.setValue(true);
        keyAgreement.setValue(Choice.KEY_AGREEMENTS.get(2));
        encryption.setValue(Choice.ENCRYPTION_MODES.get(0));
        approvals.setValue(1);
    }

    /** The settings as entered; blanks and unparsable numbers become values the service refuses with a message. */
    TypeSettings value() {
        Integer count = approvals.getValue();
        return new TypeSettings(code.getValue(), name.getValue(), code(kind.getValue(), TypeCatalogue.Kind::code),
                owner.getValue() == null ? Optional.<OperatorRef>empty() : owner.getValue().map(OperatorSummary::ref),
                code(idKind.getValue(), TypeCatalogue.IdKind::code), code(binding.getValue(), Choice::code),
                Choice.redelivery(true).equals(redelivery.getValue()), listRequired.getValue(),
                code(keyAgreement.getValue(), Choice::code), code(encryption.getValue(), Choice::code),
                count == null ? 0 : count);
    }

    /** A number typed in the approvals field that is not a whole number: the field shows it, the value is empty. */
    boolean approvalsUnreadable() {
        return approvals.getValue() == null && !approvals.getElement().getProperty("value", "").isEmpty();
    }

    /**
     * @param creating the code can be entered
     * @param inUse    kind, device-ID kind and binding mode are fixed
     */
    void editable(boolean editable, boolean creating, boolean inUse) {
        List<HasValue<?, ?>> all = List.of(code, name, kind, owner, idKind, binding, redelivery, listRequired, keyAgreement,
                encryption, approvals);
        all.forEach(field -> field.setReadOnly(!editable));
        approvals.setStepButtonsVisible(editable);
        code.setReadOnly(!editable || !creating);
        if (editable && inUse) {
            for (var fixed : List.of(kind, idKind, binding)) {
                fixed.setReadOnly(true);
                fixed.setHelperText("Fixed: batches, list parts or rollouts of this type exist");
            }
        }
        if (creating) {
            // The whole type waits for approval; no need to say it per field.
            for (var select : List.of(kind, owner, idKind, binding, redelivery, keyAgreement, encryption)) {
                select.setHelperText(null);
            }
            approvals.setHelperText("Distinct approvers of a credential load besides its submitter");
            name.setHelperText("Shown in the portal");
        }
        if (!editable) {
            for (var select : List.of(kind, owner, idKind, binding, redelivery, keyAgreement, encryption)) {
                select.setHelperText(null);
            }
            approvals.setHelperText("Distinct approvers of a credential load besides its submitter");
            name.setHelperText(null);
            code.setHelperText(null);
        }
    }

    private static <T> String code(T value, java.util.function.Function<T, String> code) {
        return value == null ? "" : code.apply(value);
    }
}
