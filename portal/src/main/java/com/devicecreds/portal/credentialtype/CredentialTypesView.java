package com.devicecreds.portal.credentialtype;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.change.ChangeRequestsCard;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.security.ApproverStepUp;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * The credential types the provisioning service serves, with their main settings, and the requests to
 * create new ones. Administrators and PKI operations propose types; everyone else reads (operator
 * staff: their own operator's types).
 */
@Route(CredentialTypesView.ROUTE)
@PageTitle("Credential types")
@Menu(order = 78, icon = "vaadin:key", title = "Credential types")
@RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
class CredentialTypesView extends VerticalLayout {

    static final String ROUTE = "admin/credential-types";

    private final CredentialTypeService service;
    private final Grid<TypeSummary> grid = new Grid<>();
    private final ChangeRequestsCard pendingCreations;

    CredentialTypesView(CredentialTypeService service, ConfigChangeService changes, ApproverStepUp stepUp,
            CurrentActor currentActor) {
        this.service = service;
        Actor viewer = currentActor.actor();
        boolean editor = viewer.hasRole(Roles.ADMIN) || viewer.hasRole(Roles.PKI_OPS);
        addClassName("credential-types");
        setWidthFull();
        var title = new Div(new H2("Credential types"));
        title.addClassName("page-title-row");
        if (editor) {
            var create = new Button("New credential type…", VaadinIcon.PLUS.create(), e -> new NewTypeDialog(service, request -> {
                refresh();
                Notification.show("Requested: another administrator or PKI operator approves it.", 5000,
                        Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            }).open());
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.addClassName("new-type");
            title.add(create);
        }
        add(title, new Paragraph(editor
                ? "What the provisioning service can deliver, and how. Open a type to edit its settings, authorizations and"
                        + " certificate templates; every change except a name waits for a second person's approval."
                : "What the provisioning service can deliver, and how. Open a type to see its settings, authorizations and"
                        + " history."));
        pendingCreations = new ChangeRequestsCard("New types waiting for approval",
                "A new type exists once someone other than its requester approves it.", true, changes, stepUp, viewer, editor,
                this::refresh);
        pendingCreations.addClassName("pending-creations");

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(CredentialTypesView::nameCell).setHeader("Name").setFlexGrow(3).setWidth("230px")
                .setSortable(true).setComparator(TypeSummary::name);
        grid.addColumn(TypeSummary::kindName).setHeader("Kind").setFlexGrow(2).setWidth("130px");
        grid.addColumn(t -> t.ownerName().orElse("Shared")).setHeader("Owner").setFlexGrow(1).setWidth("115px");
        grid.addColumn(t -> Choice.label(Choice.BINDING_MODES, t.bindingMode()).replaceFirst(":.*", "")).setHeader("Binding")
                .setFlexGrow(1).setWidth("100px");
        grid.addColumn(t -> Choice.label(Choice.KEY_AGREEMENTS, t.keyAgreement())).setHeader("Key agreement").setFlexGrow(1)
                .setWidth("110px");
        grid.addColumn(TypeSummary::approvalsRequired).setHeader("Approvals").setFlexGrow(0).setWidth("95px");
        grid.addColumn(TypeSummary::authorizedOperators).setHeader("Operators").setFlexGrow(0).setWidth("95px");
        grid.addColumn(t -> "%,d".formatted(t.available())).setHeader("Available").setFlexGrow(0).setWidth("100px");
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No credential type for you to see.");
        grid.addClassName("types-grid");
        var card = new Div(grid);
        card.addClassName("card");
        add(pendingCreations, card);
        refresh();
    }

    private void refresh() {
        // Few types exist (tens): the list is read whole, not paged.
        grid.setItems(service.types());
        var creations = service.pendingCreations();
        pendingCreations.show(() -> creations);
        pendingCreations.setVisible(!creations.isEmpty());
    }

    /** The name links to the type; below it the code, its version and what waits for approval. */
    private static Div nameCell(TypeSummary type) {
        var link = new Anchor(CredentialTypeView.route(type.id()), type.name());
        link.addClassName("type-link");
        var code = new Span(type.code() + " · v" + type.version());
        code.addClassName("type-code-line");
        var cell = new Div(link, code);
        cell.addClassName("type-name-cell");
        if (type.pending() > 0) {
            var badge = new Span(type.pending() + " pending");
            badge.getElement().getThemeList().add("badge small");
            cell.add(badge);
        }
        return cell;
    }
}
