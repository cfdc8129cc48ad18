package com.devicecreds.portal.deviceca;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

import com.devicecreds.portal.change.ChangeRefusedException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.server.streams.UploadEvent;

/** The facts of one trusted CA and, for editors, its revocation list and removal. */
class CaDetails extends Div {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_CRL_BYTES = 10 * 1024 * 1024;

    private final DeviceCaService service;
    private final Clock clock;
    private final boolean editor;
    private final boolean fetchEnabled;
    private final Consumer<String> refresh;
    private final Div problem = new Div();

    /** @param refresh shows the page again; its argument is a message of success, or empty */
    CaDetails(DeviceCaService service, Clock clock, boolean editor, boolean fetchEnabled, Consumer<String> refresh) {
        this.service = service;
        this.clock = clock;
        this.editor = editor;
        this.fetchEnabled = fetchEnabled;
        this.refresh = refresh;
        addClassNames("card", "ca-details");
        problem.addClassName("form-problems");
        show(null);
    }

    void show(DeviceCa ca) {
        removeAll();
        problem.setVisible(false);
        if (ca == null) {
            add(new H3("CA details"), new Span("Choose a CA in the chain to see its certificate and revocation list."));
            return;
        }
        Instant now = clock.instant();
        var facts = new Div();
        facts.addClassName("ca-facts");
        fact(facts, "Subject", ca.subject());
        fact(facts, "Issuer", ca.issuer());
        fact(facts, "Role", ca.root() ? "Root CA (self-signed)" : "Sub-CA");
        fact(facts, "Serial", ca.serialHex());
        fact(facts, "Valid", TIME.format(ca.notBefore()) + " – " + TIME.format(ca.notAfter()) + validity(ca, now));
        fact(facts, "SHA-256", ca.fingerprint());
        fact(facts, "Key", ca.key());
        fact(facts, "Trusted", "requested by " + ca.addedBy() + ", approved by " + ca.approvedBy() + ", " + TIME.format(ca.addedAt()));
        fact(facts, "CRL distribution point", ca.crlUrl().map(u -> u + " (" + (ca.crlUrlSource().orElse("").equals("certificate")
                ? "from the certificate" : "set by hand") + ")").orElse("none"));
        fact(facts, "Revocation list", ca.crl().map(crl -> "issued " + TIME.format(crl.thisUpdate()) + ", next update "
                + crl.nextUpdate().map(TIME::format).orElse("not given") + ", " + crl.revokedCount() + " revoked serial"
                + (crl.revokedCount() == 1 ? "" : "s") + (crl.staleAt(now) ? " — STALE" : "") + "; " + crl.source()
                + " by " + crl.loadedBy()).orElse("none loaded"));
        add(new H3(DeviceCasView.commonName(ca.subject())), facts, problem);
        if (editor) {
            add(editing(ca));
        }
    }

    private Component editing(DeviceCa ca) {
        var actions = new Div();
        actions.addClassName("ca-actions");
        var upload = new Upload((UploadEvent event) -> receiveCrl(ca, event));
        upload.setUploadFormat(UploadFormat.RAW);
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_CRL_BYTES);
        upload.setDropLabel(new Span("Upload a CRL (PEM or DER)"));
        upload.addClassName("crl-upload");
        actions.add(upload);
        var row = new HorizontalLayout();
        row.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.BASELINE);
        if (ca.crlUrl().isPresent()) {
            var fetch = new Button("Fetch CRL now", e -> run(() -> service.fetchCrl(ca.id()), "Revocation list fetched."));
            fetch.setEnabled(fetchEnabled);
            fetch.setTooltipText(fetchEnabled ? ca.crlUrl().get() : "Fetching is switched off here: upload the CRL.");
            row.add(fetch);
        }
        if (!ca.crlUrlSource().orElse("").equals("certificate")) {
            var url = new TextField("CRL distribution point");
            url.setPlaceholder("http://pki.example/ca.crl");
            url.setValue(ca.crlUrl().orElse(""));
            url.setWidth("360px");
            row.add(url, new Button("Save address", e -> run(() -> service.setCrlUrl(ca.id(), url.getValue()),
                    "Distribution point saved.")));
        }
        var remove = new Button("Request removal", e -> run(() -> service.requestRemoval(ca.id(), ""),
                "Removal requested: it takes effect when someone else approves."));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        row.add(remove);
        actions.add(row);
        return actions;
    }

    private void receiveCrl(DeviceCa ca, UploadEvent event) throws java.io.IOException {
        byte[] bytes;
        try (var in = event.getInputStream()) {
            bytes = in.readNBytes(MAX_CRL_BYTES + 1);
        }
        try {
            var facts = service.uploadCrl(ca.id(), bytes);
            String stored = "Revocation list stored: " + facts.revokedCount() + " revoked serials, next update "
                    + facts.nextUpdate().map(TIME::format).orElse("not given") + ".";
            event.getUI().access(() -> refresh.accept(stored));
        } catch (ChangeRefusedException e) {
            event.getUI().access(() -> fail(e.getMessage()));
        }
    }

    private void run(Runnable action, String success) {
        try {
            action.run();
            refresh.accept(success);
        } catch (ChangeRefusedException e) {
            fail(e.getMessage());
        }
    }

    private void fail(String message) {
        problem.setText(message);
        problem.setVisible(true);
    }

    private static String validity(DeviceCa ca, Instant now) {
        if (ca.notAfter().isBefore(now)) {
            return " — EXPIRED";
        }
        long days = Duration.between(now, ca.notAfter()).toDays();
        return " (" + days + " days left)";
    }

    private static void fact(Div facts, String label, String value) {
        var name = new Span(label);
        name.addClassName("ca-fact-label");
        var text = new Span(value);
        text.addClassName("ca-fact-value");
        facts.add(name, text);
    }
}
