package com.devicecreds.portal.credentialtype;

import java.util.function.Consumer;

import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;

/**
 * Proposes a new credential type. It exists once a second person approves the request; a refused
 * proposal keeps everything entered and lists every problem.
 */
class NewTypeDialog extends Dialog {

    NewTypeDialog(CredentialTypeService service, Consumer<ChangeRequest> requested) {
        setHeaderTitle("New credential type");
        addClassName("new-type-dialog");
        setWidth("760px");
        var form = new TypeSettingsForm(service.catalogue());
        form.readDefaults();
        form.editable(true, true, false);
        var problems = new Div();
        problems.addClassName("form-problems");
        problems.setVisible(false);
        add(new Paragraph("The type is created when another administrator or PKI operator approves this request."), problems,
                form);
        var request = new Button("Request creation", e -> {
            try {
                var created = service.requestCreate(form.value());
                close();
                requested.accept(created);
            } catch (ChangeRefusedException refused) {
                problems.setText((form.approvalsUnreadable() ? "The number of approvals is a whole number. " : "")
                        + refused.getMessage());
                problems.setVisible(true);
            }
        });
        request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        request.addClassName("request-type");
        getFooter().add(new Button("Cancel", e -> close()), request);
    }
}
