package com.devicecreds.portal.lineage;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.reporting.devices.DeviceIdNotation.InvalidDeviceIdException;
import com.devicecreds.reporting.lineage.CredentialLineage;
import com.devicecreds.reporting.lineage.LineageService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * Credential lineage: a device ID (any notation) or a credential ID leads to each credential's
 * chain, from the facility that produced it and the certificate that signed its package, through
 * the upload, the approvals and the activation, to the device it is bound to and its deliveries.
 */
@Route(LineageView.ROUTE)
@PageTitle("Credential lineage")
@Menu(order = 72, icon = "vaadin:sitemap", title = "Credential lineage")
@RolesAllowed({Roles.PKI_OPS, Roles.AUDITOR, Roles.ADMIN})
class LineageView extends VerticalLayout implements BeforeEnterObserver {

    static final String ROUTE = "lineage";
    static final String DEVICE = "Device ID";
    static final String CREDENTIAL = "Credential ID";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final LineageService lineage;
    private final RadioButtonGroup<String> kind = new RadioButtonGroup<>();
    private final TextField input = new TextField();
    private final Div message = new Div();
    private final Div results = new Div();

    LineageView(LineageService lineage) {
        this.lineage = lineage;
        addClassName("lineage-view");
        kind.setItems(DEVICE, CREDENTIAL);
        kind.setValue(DEVICE);
        kind.addClassName("lineage-kind");
        input.setPlaceholder("MAC in any notation, SoC ID, serial, certificate fingerprint, or a credential ID");
        input.setMaxLength(200);
        input.setClearButtonVisible(true);
        input.addClassName("lineage-input");
        input.addKeyPressListener(Key.ENTER, e -> show());
        var trace = new Button("Trace", e -> show());
        trace.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        trace.addClassName("lineage-trace");
        var form = new Div(kind, input, trace);
        form.addClassName("lineage-form");
        message.addClassName("search-message");
        message.setVisible(false);
        results.addClassName("lineage-results");
        add(new H2("Credential lineage"), new Paragraph("From a device or a credential back to its batch, the facility "
                + "that produced it, who loaded and who approved it, and forward to when it was delivered (times in UTC)."),
                form, message, results);
    }

    /** {@code lineage?device=…} or {@code lineage?credential=…} traces at once, for links from other pages. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("credential").ifPresentOrElse(ref -> {
            kind.setValue(CREDENTIAL);
            input.setValue(ref);
            show();
        }, () -> event.getLocation().getQueryParameters().getSingleParameter("device").ifPresent(device -> {
            input.setValue(device);
            show();
        }));
    }

    private void show() {
        results.removeAll();
        message.setVisible(false);
        String value = input.getValue().strip();
        if (value.isEmpty()) {
            say("Enter a " + kind.getValue().toLowerCase(Locale.ROOT) + ".");
            return;
        }
        List<CredentialLineage> found;
        try {
            found = DEVICE.equals(kind.getValue()) ? lineage.ofDevice(value) : lineage.ofCredential(value);
        } catch (InvalidDeviceIdException e) {
            say(e.getMessage());
            return;
        }
        if (found.isEmpty()) {
            say(DEVICE.equals(kind.getValue()) ? "No credential was bound to or delivered to this device."
                    : "There is no credential with this ID.");
            return;
        }
        found.forEach(l -> results.add(card(l)));
    }

    private void say(String text) {
        message.setText(text);
        message.setVisible(true);
    }

    private static Div card(CredentialLineage l) {
        var title = new H3(l.typeName() + " · " + l.credentialRef());
        var state = new Span(l.state());
        state.addClassNames("state-badge", "state-" + l.state());
        var header = new Div(title, state);
        header.addClassName("lineage-header");
        var chain = new Div();
        chain.addClassName("lineage-chain");
        var o = l.origin();
        chain.add(step("Produced", o.producingFacility(), o.signerSubject().map(s -> "Package signed by " + s
                + o.signerFingerprint().map(f -> " (SHA-256 " + f.substring(0, 16) + "…)").orElse(""))
                .orElse("No package on record (loaded before packages were kept)")));
        chain.add(step("Uploaded", o.submittedBy() + " · " + TIME.format(o.submittedAt()),
                "Batch " + o.batchRef() + ", " + String.format(Locale.US, "%,d", o.recordCount()) + " credentials"
                        + o.packageFile().map(f -> ", file " + f).orElse("")
                        + o.manifestSha256().map(h -> ", manifest " + h.substring(0, 16) + "…").orElse("")));
        if (l.decisions().isEmpty()) {
            chain.add(step("Approved", o.approvedAt().map(TIME::format).orElse("no decision on record"), ""));
        }
        for (var d : l.decisions()) {
            chain.add(step(d.decision().equals("approved") ? "Approved" : "Rejected", d.decidedBy() + " · "
                    + TIME.format(d.decidedAt()), d.voidedAt().map(v -> "Voided " + TIME.format(v) + " (manifest changed)")
                    .or(() -> d.reason()).orElse("")));
        }
        chain.add(step("Activated", o.activatedAt().map(TIME::format).orElse("not activated (batch " + o.batchState() + ")"),
                ""));
        chain.add(step("Device", l.boundDeviceId().map(d -> "Bound to " + d).or(() -> l.preboundDeviceId()
                .map(d -> "Pre-bound to " + d)).orElse("Not bound to a device yet"),
                l.boundAt().map(at -> "since " + TIME.format(at)).orElse("")));
        for (var delivery : l.deliveries()) {
            chain.add(step(delivery.outcome().equals("delivered") ? "Delivered" : "Re-delivered",
                    TIME.format(delivery.occurredAt()), delivery.deviceId() + " · operator " + delivery.operatorCode()
                            + " · node " + delivery.serverNode()));
        }
        var card = new Div(header, chain);
        card.addClassNames("card", "lineage-card");
        return card;
    }

    private static Div step(String label, String value, String detail) {
        var what = new Span(label);
        what.addClassName("lineage-step-label");
        var main = new Span(value);
        main.addClassName("lineage-step-value");
        var step = new Div(what, main);
        if (!detail.isEmpty()) {
            var more = new Span(detail);
            more.addClassName("lineage-step-detail");
            step.add(more);
        }
        step.addClassName("lineage-step");
        return step;
    }
}
