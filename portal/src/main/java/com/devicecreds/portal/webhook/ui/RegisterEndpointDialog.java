package com.devicecreds.portal.webhook.ui;

import java.util.Comparator;
import java.util.function.Consumer;

import com.devicecreds.portal.webhook.EndpointDraft;
import com.devicecreds.portal.webhook.WebhookEndpoint;
import com.devicecreds.portal.webhook.WebhookEventType;
import com.devicecreds.portal.webhook.WebhookFormat;
import com.devicecreds.portal.webhook.WebhookService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

/** Registers an endpoint, then shows its signing secret once. */
class RegisterEndpointDialog extends Dialog {

    private final WebhookService webhooks;
    private final Consumer<WebhookEndpoint> registered;
    private final TextField name = new TextField("Name");
    private final TextField url = new TextField("Address (https://)");
    private final Select<WebhookFormat> format = new Select<>();
    private final CheckboxGroup<WebhookEventType> events = new CheckboxGroup<>("Events");
    private final Paragraph problem = new Paragraph();

    RegisterEndpointDialog(WebhookService webhooks, Consumer<WebhookEndpoint> registered) {
        this.webhooks = webhooks;
        this.registered = registered;
        setHeaderTitle("Register webhook endpoint");
        addClassName("register-endpoint-dialog");
        name.setWidthFull();
        name.setMaxLength(100);
        url.setWidthFull();
        url.setPlaceholder("https://hooks.example.com/credentials-portal");
        format.setLabel("Payload format");
        format.setItems(WebhookFormat.values());
        format.setItemLabelGenerator(WebhookFormat::label);
        format.setValue(WebhookFormat.JSON);
        var subscribable = webhooks.subscribableEvents();
        events.setItems(subscribable.stream().sorted(Comparator.comparing(Enum::ordinal)).toList());
        events.setItemLabelGenerator(WebhookEventType::label);
        events.select(subscribable);
        problem.addClassName("form-problems");
        problem.setVisible(false);
        add(new VerticalLayout(name, url, format, events, problem));
        var save = new Button("Register", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClassName("save-endpoint");
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void save() {
        try {
            var result = webhooks.register(new EndpointDraft(name.getValue(), url.getValue(), format.getValue(),
                    events.getSelectedItems()));
            removeAll();
            getFooter().removeAll();
            var secret = new TextField("Signing secret: copy it now, it is not shown again");
            secret.setValue(result.secret());
            secret.setReadOnly(true);
            secret.setWidthFull();
            secret.addClassName("endpoint-secret");
            add(new VerticalLayout(new Paragraph("Endpoint " + result.endpoint().name() + " is registered. Verify the "
                    + "X-Portal-Signature header of every delivery with this secret (docs/webhooks.md)."), secret));
            var done = new Button("Done", e -> close());
            done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(done);
            registered.accept(result.endpoint());
        } catch (IllegalArgumentException refused) {
            problem.setText(refused.getMessage());
            problem.setVisible(true);
        }
    }
}
