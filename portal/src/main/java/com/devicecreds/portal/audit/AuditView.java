package com.devicecreds.portal.audit;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.keys.AuditKeys;
import com.devicecreds.audit.trail.AuditQuery;
import com.devicecreds.audit.trail.AuditTrail;
import com.devicecreds.audit.verify.AuditVerification;
import com.devicecreds.audit.verify.VerificationReport;
import com.devicecreds.portal.ui.export.ExportButtons;
import com.devicecreds.portal.grid.GridCells;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;

/**
 * The audit trail for auditors: verify the chain and its anchors, search by actor, action, target,
 * operator, outcome and time in a lazy grid with each row's details, and export what a search finds
 * as a spreadsheet or as signed JSON lines that the verifier checks offline. Times are shown in UTC.
 */
@Route("audit")
@PageTitle("Audit trail")
@Menu(order = 70, icon = "vaadin:clipboard-check", title = "Audit trail")
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
class AuditView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final AuditTrail trail;
    private final AuditVerification verification;

    private final TextField actor = new TextField("Actor");
    private final ComboBox<AuditAction> action = new ComboBox<>("Action");
    private final TextField target = new TextField("Target");
    private final TextField operator = new TextField("Operator");
    private final Select<Optional<AuditOutcome>> outcome = new Select<>();
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final Span problem = new Span();
    private final Span found = new Span();
    private final Grid<AuditRow> grid = new Grid<>();
    private final Div verificationResult = new Div();
    private AuditQuery query = AuditQuery.ALL;

    private final AuditSpreadsheet spreadsheet;
    private final String signingKeyId;

    AuditView(AuditTrail trail, AuditVerification verification, AuditSpreadsheet spreadsheet, AuditKeys keys) {
        this.trail = trail;
        this.verification = verification;
        this.spreadsheet = spreadsheet;
        this.signingKeyId = keys.signer().keyId();
        addClassName("audit-view");
        setSizeFull();
        add(verificationCard(), filters(), problem, grid);
        problem.addClassName("search-problem");
        problem.setVisible(false);
        configureGrid();
        search();
    }

    private Div verificationCard() {
        var title = new H3("Chain verification");
        var text = new Paragraph("Recomputes every row's keyed hash and link, checks that no row is missing, that "
                + "the chain head and the signed anchor file kept outside the database agree, and that every purged row "
                + "has a signed purge record. Each verification is itself audited.");
        var keyLine = new Paragraph("Anchors, purge records and exports are signed with key " + signingKeyId
                + "; auditors check them with its public key (AuditVerifyCommand --public-key).");
        keyLine.addClassName("verification-keys");
        var verify = new Button("Verify now", VaadinIcon.SHIELD.create(), e -> {
            showVerification(verification.verify());
            search(); // the verification is a new row
        });
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        verify.addClassName("verify-chain");
        verificationResult.addClassName("verification-result");
        verificationResult.setVisible(false);
        var header = new HorizontalLayout(new Div(title, text, keyLine), verify);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(0));
        var card = new Div(header, verificationResult);
        card.addClassNames("card", "verification-card");
        return card;
    }

    private void showVerification(VerificationReport report) {
        verificationResult.removeAll();
        verificationResult.setVisible(true);
        verificationResult.getElement().setAttribute("data-intact", Boolean.toString(report.intact()));
        verificationResult.getElement().setAttribute("data-verdict", report.verdict().name());
        verificationResult.setClassName("verification-result " + switch (report.verdict()) {
            case INTACT -> "intact";
            case TAMPERED -> "tampered";
            case UNVERIFIABLE -> "unverifiable";
        });
        // The same words as AuditVerifyCommand prints.
        var headline = new Span(report.headline());
        headline.addClassName("verification-headline");
        var facts = new Span("%,d row%s checked (from %d to %d) · %d anchor%s · %d ms".formatted(report.rowsChecked(),
                report.rowsChecked() == 1 ? "" : "s", report.firstSeq(), report.lastSeq(), report.anchorsUsed(),
                report.anchorsUsed() == 1 ? "" : "s", report.took().toMillis()));
        facts.addClassName("verification-facts");
        verificationResult.add(headline, new Paragraph(report.message()), facts);
        report.warnings().forEach(w -> {
            var warning = new Paragraph(w);
            warning.addClassName("verification-warning");
            verificationResult.add(warning);
        });
    }

    private HorizontalLayout filters() {
        for (var field : new TextField[] {actor, target, operator}) {
            field.setClearButtonVisible(true);
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setMaxLength(AuditQuery.MAX_TEXT);
            field.addValueChangeListener(e -> search());
        }
        actor.setPlaceholder("starts with");
        target.setPlaceholder("contains");
        operator.setPlaceholder("starts with");
        action.setItems(AuditAction.values());
        action.setItemLabelGenerator(AuditAction::name);
        action.setClearButtonVisible(true);
        action.setPlaceholder("any");
        action.setWidth("260px");
        action.addValueChangeListener(e -> {
            action.setHelperText(e.getValue() == null ? null : e.getValue().meaning());
            search();
        });
        outcome.setLabel("Outcome");
        outcome.setItems(Optional.empty(), Optional.of(AuditOutcome.SUCCESS), Optional.of(AuditOutcome.DENIED),
                Optional.of(AuditOutcome.FAILED));
        outcome.setItemLabelGenerator(o -> o.map(AuditOutcome::code).orElse("any"));
        outcome.setValue(Optional.empty());
        outcome.setWidth("120px");
        outcome.addValueChangeListener(e -> search());
        from.addValueChangeListener(e -> search());
        to.addValueChangeListener(e -> search());
        var export = new Anchor((DownloadHandler) event -> {
            event.setFileName("audit-export.jsonl");
            event.setContentType("application/x-ndjson");
            try (var out = event.getOutputStream()) {
                trail.exportSignedJsonLines(query, out);
            }
        }, "");
        var exportButton = new Button("Export signed JSON lines", VaadinIcon.DOWNLOAD.create());
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.add(exportButton);
        export.addClassName("audit-export");
        export.setDownload(true);
        found.addClassName("audit-found");
        var excel = new ExportButtons("Export to Excel", "Export as CSV", () -> "audit-trail", format -> {
            var current = query;
            return (out, progress) -> spreadsheet.export(current, format, out, progress) + " audit rows exported.";
        }).withVariants(ButtonVariant.LUMO_TERTIARY);
        var bar = new HorizontalLayout(actor, action, target, operator, outcome, from, to, found, excel, export);
        bar.addClassName("audit-filters");
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.getStyle().set("flex-wrap", "wrap");
        return bar;
    }

    private void configureGrid() {
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(AuditRow::seq).setHeader("#").setWidth("90px").setFlexGrow(0);
        grid.addColumn(r -> TIME.format(r.occurredAt())).setHeader("Time (UTC)").setWidth("190px").setFlexGrow(0);
        grid.addColumn(AuditRow::actor).setHeader("Actor").setWidth("140px");
        grid.addColumn(AuditRow::action).setHeader("Action").setWidth("220px")
                .setTooltipGenerator(r -> meaning(r.action()));
        grid.addColumn(AuditRow::target).setHeader("Target").setWidth("220px").setFlexGrow(2);
        grid.addColumn(r -> r.operatorCode() == null ? "" : r.operatorCode()).setHeader("Operator").setWidth("120px");
        grid.addColumn(GridCells.badge(r -> "outcome-badge outcome-" + r.outcome(), AuditRow::outcome)).setHeader("Outcome").setWidth("110px").setFlexGrow(0);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(AuditView::details));
        grid.setDetailsVisibleOnClick(true);
        grid.setSizeFull();
        grid.addClassName("audit-grid");
    }

    private void search() {
        try {
            query = new AuditQuery(text(actor), Optional.ofNullable(action.getValue()), text(target), text(operator),
                    outcome.getValue() == null ? Optional.empty() : outcome.getValue(), utc(from.getValue()),
                    utc(to.getValue()));
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
            problem.setVisible(true);
            return;
        }
        problem.setVisible(false);
        var current = query;
        long count = trail.count(current);
        found.setText("%,d row%s".formatted(count, count == 1 ? "" : "s"));
        grid.setItems(q -> trail.search(current, q.getOffset(), q.getLimit()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, trail.count(current)));
    }

    private static Optional<String> text(TextField field) {
        return Optional.ofNullable(field.getValue());
    }

    private static Optional<java.time.Instant> utc(LocalDateTime time) {
        return Optional.ofNullable(time).map(t -> t.toInstant(ZoneOffset.UTC));
    }

    private static String meaning(String action) {
        return Arrays.stream(AuditAction.values()).filter(a -> a.name().equals(action)).findFirst()
                .map(AuditAction::meaning).orElse(action);
    }

    private static Div details(AuditRow row) {
        var facts = new Div();
        facts.addClassName("audit-details");
        fact(facts, "Meaning", meaning(row.action()));
        fact(facts, "Roles", row.actorRoles().isEmpty() ? "—" : row.actorRoles());
        fact(facts, "Details", row.details());
        fact(facts, "Row hash", HexFormat.of().formatHex(row.rowHash()));
        fact(facts, "Previous hash", HexFormat.of().formatHex(row.prevHash()));
        fact(facts, "Recorded", row.occurredAt().toString());
        return facts;
    }

    private static void fact(Div facts, String label, String value) {
        var l = new Span(label);
        l.addClassName("fact-label");
        var v = new Span(value);
        v.addClassName("fact-value");
        if (label.endsWith("hash") || label.equals("Details")) {
            v.addClassName("hash");
        }
        facts.add(l, v);
    }
}
