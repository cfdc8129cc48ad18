package com.devicecreds.portal.credentialtype;

import java.util.Optional;

import com.devicecreds.portal.change.ChangeRefusedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Proposes an operator's certificate template for an online-issued type, with a preview of the subject
 * a device's certificate gets. A refused proposal keeps what was typed.
 */
class TemplateDialog extends Dialog {

    private final IntegerField validity = new IntegerField("Validity (days)");
    private final TextField organization = new TextField("Organization (O)");
    private final TextField unit = new TextField("Organizational unit (OU)");
    private final TextField locality = new TextField("Locality (L)");
    private final TextField state = new TextField("State or province (ST)");
    private final TextField country = new TextField("Country (C)");
    private final Paragraph preview = new Paragraph();

    TemplateDialog(CredentialTypeService service, int typeId, OperatorTemplate current, Runnable requested) {
        setHeaderTitle("Certificate template of " + current.operatorName());
        addClassName("template-dialog");
        setWidth("640px");
        validity.setMin(1);
        validity.setMax(CertificateTemplate.MAX_VALIDITY_DAYS);
        validity.addClassName("template-validity");
        organization.addClassName("template-o");
        unit.addClassName("template-ou");
        country.addClassName("template-c");
        country.setHelperText("Two capital letters, e.g. DE");
        country.setMaxLength(2);
        current.template().ifPresentOrElse(t -> {
            validity.setValue(t.validityDays());
            organization.setValue(t.organization());
            unit.setValue(t.organizationalUnit());
            locality.setValue(t.locality());
            state.setValue(t.stateOrProvince());
            country.setValue(t.country());
        }, () -> validity.setValue(3650));
        for (var field : new TextField[] {organization, unit, locality, state, country}) {
            field.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
            field.addValueChangeListener(e -> preview());
        }
        preview.addClassName("subject-preview");
        preview();
        var form = new FormLayout(validity, country, organization, unit, locality, state);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("480px", 2));
        var problems = new Div();
        problems.addClassName("form-problems");
        problems.setVisible(false);
        add(new Paragraph("The common name is always the device ID. The template takes effect when a second person approves it."),
                problems, form, preview);
        var request = new Button("Request change", e -> {
            try {
                service.requestTemplate(typeId, current.operator(), current.template(), value());
                close();
                requested.run();
            } catch (ChangeRefusedException refused) {
                problems.setText((validity.getValue() == null ? "Give the validity as a whole number of days. " : "")
                        + refused.getMessage());
                problems.setVisible(true);
            }
        });
        request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        request.addClassName("request-template");
        getFooter().add(new Button("Cancel", e -> close()), request);
    }

    private CertificateTemplate value() {
        return new CertificateTemplate(validity.getValue() == null ? 0 : validity.getValue(), organization.getValue(),
                unit.getValue(), locality.getValue(), state.getValue(), country.getValue());
    }

    private void preview() {
        preview.setText("Subject: " + value().subjectPattern());
    }

    static String describe(Optional<CertificateTemplate> template) {
        return template.map(t -> t.subjectPattern() + " · " + t.validityDays() + " days").orElse("No template yet");
    }
}
