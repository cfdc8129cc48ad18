package com.devicecreds.portal.typeauth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.devicecreds.access.Actor;
import com.devicecreds.access.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * The authorization rules of one credential type (decision 022): the operators authorized for it with
 * their state, device models and list parts, and one operator's list parts in detail. Administrators and
 * PKI operations request changes here, which take effect when a second person approves them in the
 * pending changes of the type's page ({@code changed} refreshes it); everyone else reads.
 */
public class TypeAuthorizationCard extends Div {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final TypeAuthorizationService service;
    private final int credentialTypeId;
    private final boolean editor;
    private final Runnable changed;
    private final Paragraph listRule = new Paragraph();
    private final Grid<OperatorAuthorization> grid = new Grid<>();
    private final Div partsCard = new Div();
    private final H4 partsTitle = new H4();
    private final Grid<ListPart> parts = new Grid<>();
    private Optional<TypeAuthorizations> shown = Optional.empty();

    public TypeAuthorizationCard(TypeAuthorizationService service, Actor viewer, int credentialTypeId, Runnable changed) {
        this.service = service;
        this.credentialTypeId = credentialTypeId;
        this.editor = viewer.hasRole(Roles.ADMIN) || viewer.hasRole(Roles.PKI_OPS);
        this.changed = changed;
        addClassNames("card", "type-authorization-card");
        var intro = new Paragraph(editor
                ? "Operators authorized for this type and the device models they authorized. Authorizing, revoking and "
                        + "changing models take effect when a second person approves the request."
                : "Operators authorized for this type and the device models they authorized. Changes are made by "
                        + "administrators and PKI operations under dual control; this card is read-only for you.");
        listRule.addClassName("id-list-rule");
        add(new H3("Authorized operators"), intro, listRule);
        if (editor) {
            var authorize = new Button("Authorize operator…", e -> TypeAuthorizationDialogs.authorize(this, Optional.empty()));
            authorize.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            authorize.addClassName("authorize-operator");
            var register = new Button("Register device model…", e -> TypeAuthorizationDialogs.registerModel(this));
            register.addClassName("register-model");
            add(new HorizontalLayout(authorize, register));
        }

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(a -> a.operatorName() + (a.owner() ? " (owner)" : "")).setHeader("Operator").setFlexGrow(2);
        grid.addComponentColumn(TypeAuthorizationCard::state).setHeader("State").setFlexGrow(3);
        grid.addColumn(a -> a.models().isEmpty() ? "none" : a.models().stream().map(DeviceModel::label)
                .collect(Collectors.joining(", "))).setHeader("Device models").setFlexGrow(3);
        grid.addColumn(a -> lists(a.listParts())).setHeader("Authorized list").setFlexGrow(3);
        if (editor) {
            grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(2);
        }
        grid.setAllRowsVisible(true);
        grid.addClassName("authorized-operators");
        grid.setEmptyStateText("No operator is authorized for this type: every device asking for it is refused.");
        grid.asSingleSelect().addValueChangeListener(e -> showParts(e.getValue()));

        parts.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        parts.addColumn(ListPart::partNumber).setHeader("Part").setWidth("80px").setFlexGrow(0);
        parts.addColumn(ListPart::sourceName).setHeader("Source").setFlexGrow(3);
        parts.addColumn(p -> String.format(Locale.ROOT, "%,d", p.entries())).setHeader("Entries").setFlexGrow(1);
        parts.addColumn(p -> TIME.format(p.receivedAt())).setHeader("Received").setFlexGrow(2);
        parts.setAllRowsVisible(true);
        parts.addClassName("list-parts");
        parts.setEmptyStateText("No list part was loaded for this operator and type.");
        partsCard.addClassName("list-parts-detail");
        partsCard.add(partsTitle, parts);
        partsCard.setVisible(false);
        add(grid, partsCard);
        refresh();
    }

    /** Reads the rules again; the type's page calls it after a decision on a pending change. */
    public void refresh() {
        shown = service.authorizations(credentialTypeId);
        listRule.setText(shown.map(t -> t.idListRequired()
                ? "Devices must also be on their operator's authorized device-ID list."
                : "No authorized device-ID list is required: any device of an authorized model may ask.").orElse(""));
        var selected = grid.asSingleSelect().getValue();
        var operators = shown.map(TypeAuthorizations::operators).orElse(List.of());
        grid.setItems(operators);
        if (selected != null) {
            operators.stream().filter(a -> a.operator().equals(selected.operator())).findFirst().ifPresentOrElse(grid::select,
                    () -> showParts(null));
        }
    }

    private void showParts(OperatorAuthorization authorization) {
        partsCard.setVisible(authorization != null);
        if (authorization != null) {
            partsTitle.setText("List parts of " + authorization.operatorName());
            parts.setItems(service.listParts(credentialTypeId, authorization.operator()));
        }
    }

    private HorizontalLayout actions(OperatorAuthorization authorization) {
        var row = new HorizontalLayout();
        row.setSpacing(true);
        if (authorization.revoked()) {
            row.add(small(new Button("Authorize again…", e -> TypeAuthorizationDialogs.authorize(this, Optional.of(authorization))),
                    "authorize-again"));
            return row;
        }
        row.add(small(new Button("Models…", e -> TypeAuthorizationDialogs.models(this, authorization)), "change-models"));
        if (!authorization.owner()) {
            var revoke = small(new Button("Revoke…", e -> TypeAuthorizationDialogs.revoke(this, authorization)), "revoke-operator");
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
            row.add(revoke);
        }
        return row;
    }

    private static Button small(Button button, String className) {
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        button.addClassName(className);
        return button;
    }

    /** After a request: says so, refreshes this card and the page's pending changes. */
    void requested(String message) {
        Notification.show(message, 5000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        refresh();
        changed.run();
    }

    TypeAuthorizationService service() {
        return service;
    }

    int credentialTypeId() {
        return credentialTypeId;
    }

    String typeName() {
        return shown.map(TypeAuthorizations::typeName).orElse("this type");
    }

    static Span state(OperatorAuthorization a) {
        String text = a.revokedAt().map(at -> "Revoked " + DAY.format(at) + a.revokedBy().map(by -> " by " + by).orElse("")
                        + a.revokeReason().map(why -> ": " + why).orElse(""))
                .orElse("Authorized since " + DAY.format(a.authorizedAt()) + a.authorizedBy().map(by -> " (" + by + ")").orElse(""));
        var badge = new Span(text);
        badge.getElement().getThemeList().add("badge small " + (a.revoked() ? "error" : "success"));
        badge.addClassName("authorization-state");
        return badge;
    }

    static String lists(ListPartsSummary summary) {
        if (summary.parts() == 0) {
            return "no parts";
        }
        return String.format(Locale.ROOT, "%d part%s · %,d entries · last #%d on %s", summary.parts(),
                summary.parts() == 1 ? "" : "s", summary.entries(), summary.lastPartNumber().orElseThrow(),
                DAY.format(summary.lastReceivedAt().orElse(Instant.EPOCH)));
    }
}
