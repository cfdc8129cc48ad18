package com.devicecreds.portal.deviceca;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequestsCard;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.security.ApproverStepUp;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;

/**
 * The device CAs the provisioning service trusts per (operator, credential type): the chain as a
 * tree, each CA's certificate and revocation list, additions and removals under dual control, and the
 * pair's pending changes and history. Administrators and PKI operations edit; auditors and project
 * managers read; operator staff read their own operator's pairs.
 */
@Route(DeviceCasView.ROUTE)
@PageTitle("Device CAs")
@Menu(order = 79, icon = "vaadin:diploma-scroll", title = "Device CAs")
@RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
class DeviceCasView extends VerticalLayout implements BeforeEnterObserver {

    static final String ROUTE = "admin/device-cas";
    private static final int MAX_UPLOAD_BYTES = 1024 * 1024;

    private final DeviceCaService service;
    private final Clock clock;
    private final boolean editor;
    private final Select<CaPair> pair = new Select<>();
    private final TreeGrid<DeviceCa> chain = new TreeGrid<>();
    private final CaDetails details;
    private final TextArea pem = new TextArea("Certificates (PEM)");
    private final Div addProblem = new Div();
    private final ChangeRequestsCard pending;
    private final ChangeRequestsCard history;
    private Long selectedId;

    DeviceCasView(DeviceCaService service, ConfigChangeService changes, ApproverStepUp stepUp, CrlFetcher fetcher,
            CurrentActor currentActor, Clock clock) {
        this.service = service;
        this.clock = clock;
        Actor viewer = currentActor.actor();
        this.editor = viewer.hasRole(Roles.ADMIN) || viewer.hasRole(Roles.PKI_OPS);
        addClassName("device-cas");
        setWidthFull();

        pair.setLabel("Operator · credential type");
        pair.setItemLabelGenerator(p -> p.label() + (p.pending() > 0 ? " (" + p.pending() + " pending)" : ""));
        pair.setWidth("520px");
        pair.addClassName("pair-select");
        pair.setEmptySelectionAllowed(false);
        pair.addValueChangeListener(e -> showPair());
        var intro = new Paragraph(editor
                ? "Devices of a credential type are accepted only when their certificate chains to a CA trusted for the "
                        + "operator and type. Adding or removing a CA takes effect when a second person approves it."
                : "The CAs the provisioning service trusts for these devices. Changes are made by administrators and "
                        + "PKI operations under dual control; this view is read-only for you.");
        intro.addClassName("view-intro");

        chain.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_ROW_STRIPES);
        chain.addHierarchyColumn(ca -> commonName(ca.subject())).setHeader("CA").setFlexGrow(3)
                .setTooltipGenerator(DeviceCa::subject);
        chain.addColumn(ca -> ca.root() ? "Root" : "Sub-CA").setHeader("Role").setWidth("110px").setFlexGrow(0);
        chain.addColumn(ca -> CaDetails.TIME.format(ca.notAfter()).substring(0, 10)).setHeader("Valid until")
                .setWidth("130px").setFlexGrow(0);
        chain.addColumn(DeviceCa::key).setHeader("Key").setWidth("100px").setFlexGrow(0);
        chain.addColumn(ca -> ca.fingerprint().substring(0, 16) + "…").setHeader("SHA-256").setFlexGrow(1)
                .setTooltipGenerator(DeviceCa::fingerprint);
        chain.addComponentColumn(this::status).setHeader("Status").setFlexGrow(2);
        chain.setAllRowsVisible(true);
        chain.addClassName("ca-chain");
        chain.setEmptyStateText("No CA is trusted for this pair: its devices are refused.");

        details = new CaDetails(service, clock, editor, fetcher.enabled(), this::refreshed);
        chain.asSingleSelect().addValueChangeListener(e -> {
            if (e.isFromClient() || e.getValue() != null) {
                selectedId = e.getValue() == null ? null : e.getValue().id();
                details.show(e.getValue());
            }
        });
        pending = new ChangeRequestsCard("Pending changes", "A change waits until someone other than its requester "
                + "approves or rejects it.", true, changes, stepUp, viewer, editor, () -> refreshed(""));
        history = new ChangeRequestsCard("History", "Every change requested for this pair, newest first.", false, changes,
                stepUp, viewer, false, () -> { });

        var chainCard = new Div(new H3("Trusted chain"), chain);
        chainCard.addClassNames("card", "chain-card");
        add(intro, pair, chainCard, details, pending);
        if (editor) {
            add(addCard());
        }
        add(history);
        pair.setItems(service.pairs());
        pair.getListDataView().getItems().findFirst().ifPresent(pair::setValue);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("pair").ifPresent(wanted -> pair.getListDataView()
                .getItems().filter(p -> (p.operator().code() + "/" + p.typeCode()).equals(wanted)).findFirst()
                .ifPresent(pair::setValue));
    }

    private Div addCard() {
        pem.setWidthFull();
        pem.setPlaceholder("-----BEGIN CERTIFICATE-----");
        pem.addClassName("pem-input");
        addProblem.addClassName("form-problems");
        addProblem.setVisible(false);
        var request = new Button("Request trust", e -> requestAdd(pem.getValue().getBytes(StandardCharsets.US_ASCII)));
        request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        request.addClassName("request-trust");
        var upload = new Upload((UploadEvent event) -> receive(event));
        upload.setUploadFormat(UploadFormat.RAW);
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_UPLOAD_BYTES);
        upload.setDropLabel(new Span("or upload a certificate file (PEM or DER)"));
        var card = new Div(new H3("Add CA certificates"), new Paragraph("Paste one or more root or sub-CA certificates. "
                + "Each must be a CA, valid now and new for this pair; a sub-CA must be signed by a CA trusted for the pair "
                + "or in the same upload."), addProblem, pem, new HorizontalLayout(request), upload);
        card.addClassNames("card", "add-card");
        return card;
    }

    private void receive(UploadEvent event) throws java.io.IOException {
        byte[] bytes;
        try (var in = event.getInputStream()) {
            bytes = in.readNBytes(MAX_UPLOAD_BYTES + 1);
        }
        event.getUI().access(() -> requestAdd(bytes));
    }

    private void requestAdd(byte[] certificates) {
        CaPair chosen = pair.getValue();
        if (chosen == null) {
            return;
        }
        try {
            service.requestAdd(chosen.operator(), chosen.credentialTypeId(), certificates);
            pem.clear();
            addProblem.setVisible(false);
            refreshed("Trust requested: it takes effect when someone else approves.");
        } catch (ChangeRefusedException e) {
            // What was pasted stays in the field, with every problem above it.
            addProblem.setText(e.getMessage());
            addProblem.setVisible(true);
        }
    }

    private void refreshed(String message) {
        var current = pair.getValue();
        var pairs = service.pairs();
        pair.setItems(pairs);
        if (current != null) {
            pairs.stream().filter(p -> p.operator().equals(current.operator()) && p.credentialTypeId() == current.credentialTypeId())
                    .findFirst().ifPresent(pair::setValue);
        }
        showPair();
        if (!message.isEmpty()) {
            Notification.show(message, 5000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }

    private void showPair() {
        CaPair chosen = pair.getValue();
        if (chosen == null) {
            return;
        }
        List<DeviceCa> cas = service.trusted(chosen.operator(), chosen.credentialTypeId());
        Map<Long, DeviceCa> byId = cas.stream().collect(Collectors.toMap(DeviceCa::id, Function.identity()));
        var roots = cas.stream().filter(ca -> ca.parentId().map(p -> !byId.containsKey(p)).orElse(true)).toList();
        chain.setItems(roots, ca -> cas.stream().filter(c -> c.parentId().filter(p -> p == ca.id()).isPresent()).toList());
        chain.expandRecursively(roots, 10);
        // Keep showing the CA that was chosen, with its new facts, as long as it is trusted.
        var again = selectedId == null ? null : byId.get(selectedId);
        if (again != null) {
            chain.select(again);
        }
        details.show(again);
        var pendingOfPair = service.history(chosen.operator(), chosen.credentialTypeId());
        pending.show(() -> pendingOfPair.stream().filter(r -> r.pending()).toList());
        history.show(() -> pendingOfPair);
    }

    private Span status(DeviceCa ca) {
        Instant now = clock.instant();
        var text = new StringBuilder();
        String theme = "success";
        if (ca.notAfter().isBefore(now)) {
            text.append("Expired");
            theme = "error";
        } else if (ca.openAlerts().contains(DeviceCaMonitor.EXPIRING)) {
            text.append("Expires soon");
            theme = "warning";
        } else {
            text.append("Valid");
        }
        if (ca.crl().isEmpty()) {
            text.append(" · no CRL");
            theme = theme.equals("success") ? "contrast" : theme;
        } else if (ca.crl().get().staleAt(now)) {
            text.append(" · CRL stale");
            theme = "error";
        } else {
            text.append(" · CRL ").append(ca.crl().get().revokedCount()).append(" revoked");
        }
        var badge = new Span(text.toString());
        badge.getElement().getThemeList().add("badge small " + theme);
        return badge;
    }

    static String commonName(String dn) {
        for (String part : dn.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return dn;
    }
}
