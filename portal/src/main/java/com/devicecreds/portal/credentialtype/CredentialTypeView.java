package com.devicecreds.portal.credentialtype;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequestsCard;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.typeauth.TypeAuthorizationCard;
import com.devicecreds.portal.typeauth.TypeAuthorizationService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * One credential type: its settings (editable by administrators and PKI operations, the
 * security-relevant ones through a change request), the changes waiting for a second person, the
 * operators authorized for it with their device models and list parts (decision 022), the
 * certificate templates of an online-issued type, and the version history with old → new per
 * setting. Everyone else reads; operator staff only their own operator's types and rows.
 */
@Route(CredentialTypeView.ROUTE)
@PageTitle("Credential type")
@RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
class CredentialTypeView extends VerticalLayout implements BeforeEnterObserver {

    static final String ROUTE = "admin/credential-types/:id(\\d{1,9})";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final CredentialTypeService service;
    private final ConfigChangeService changes;
    private final TypeAuthorizationService authorizations;
    private final ApproverStepUp stepUp;
    private final Actor viewer;
    private final boolean editor;
    private final Div content = new Div();
    private final Div message = new Div();
    private int id;

    CredentialTypeView(CredentialTypeService service, ConfigChangeService changes, TypeAuthorizationService authorizations,
            ApproverStepUp stepUp, CurrentActor currentActor) {
        this.service = service;
        this.changes = changes;
        this.authorizations = authorizations;
        this.stepUp = stepUp;
        this.viewer = currentActor.actor();
        this.editor = viewer.hasRole(Roles.ADMIN) || viewer.hasRole(Roles.PKI_OPS);
        addClassName("credential-type-view");
        setWidthFull();
        var back = new Anchor(CredentialTypesView.ROUTE, "← All credential types");
        back.addClassName("back-link");
        message.addClassNames("decision-message", "type-message");
        message.setVisible(false);
        content.setWidthFull();
        add(back, message, content);
    }

    static String route(int typeId) {
        return "admin/credential-types/" + typeId;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        id = event.getRouteParameters().getInteger("id").orElse(-1);
        show();
    }

    private void show() {
        content.removeAll();
        var found = service.type(id);
        if (found.isEmpty()) {
            content.add(new Paragraph("There is no credential type " + id + " for you to see."));
            return;
        }
        var type = found.get();
        var catalogue = service.catalogue();
        // A request or decision in any card changes what waits and the version: the page is read again.
        content.add(header(type, catalogue), settings(type, catalogue), pending(),
                new TypeAuthorizationCard(authorizations, viewer, type.id(), this::show));
        if (type.settings().issuedOnline()) {
            content.add(templates(type));
        }
        content.add(history());
    }

    private Div header(CredentialType type, TypeCatalogue catalogue) {
        var code = new Span(type.settings().code());
        code.getElement().getThemeList().add("badge contrast");
        var version = new Span("version " + type.version());
        version.getElement().getThemeList().add("badge");
        version.addClassName("type-version");
        var title = new Div(new H2(type.settings().name()), code, version);
        title.addClassName("type-title");
        var shown = type.settings().described(catalogue);
        var subtitle = new Paragraph("%s · %s · created %s%s".formatted(shown.get("Kind"), shown.get("Owner"),
                TIME.format(type.createdAt()), type.updatedAt().map(at -> " · changed " + TIME.format(at)).orElse("")));
        subtitle.addClassName("type-subtitle");
        var header = new Div(title, subtitle);
        header.addClassName("type-header");
        return header;
    }

    private Div settings(CredentialType type, TypeCatalogue catalogue) {
        var form = new TypeSettingsForm(catalogue);
        form.read(type.settings());
        form.editable(editor, false, type.inUse());
        var card = new Div(new H3("Settings"));
        card.addClassNames("card", "type-settings");
        if (editor) {
            card.add(new Paragraph("A new name is saved at once. Every other setting is security-relevant: saving asks for a"
                    + " change, which takes effect when someone else approves it."));
        }
        card.add(form);
        if (editor) {
            var save = new Button("Save", e -> save(type, form));
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClassName("save-type");
            var reset = new Button("Undo my edits", e -> show());
            reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            var buttons = new HorizontalLayout(save, reset);
            buttons.addClassName("form-buttons");
            card.add(buttons);
        }
        return card;
    }

    private void save(CredentialType type, TypeSettingsForm form) {
        if (form.approvalsUnreadable()) {
            say("The number of approvals is a whole number from 1 to 5.", false);
            return;
        }
        try {
            var outcome = service.edit(type.id(), type.settings(), form.value());
            say(outcome.request().isPresent()
                    ? (outcome.renamed() ? "Name saved. The other changes wait" : "The change waits")
                            + " for a second person's approval (request " + outcome.request().get().id() + ")."
                    : "Name saved.", true);
            show();
        } catch (ChangeRefusedException refused) {
            // The form keeps what was typed.
            say(refused.getMessage(), false);
        }
    }

    private Div pending() {
        var card = new ChangeRequestsCard("Waiting for approval",
                "Changes to this type, its authorizations and templates take effect when someone other than the requester"
                        + " approves them.", true, changes, stepUp, viewer, editor, this::show);
        card.addClassName("type-pending");
        card.show(() -> service.pending(id));
        return card;
    }

    private Div templates(CredentialType type) {
        var grid = new Grid<OperatorTemplate>();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(OperatorTemplate::operatorName).setHeader("Operator").setFlexGrow(1);
        grid.addColumn(t -> t.template().map(x -> x.subjectPattern()).orElse("No template: the service's default"))
                .setHeader("Subject").setFlexGrow(3);
        grid.addColumn(t -> t.template().map(x -> "%,d days".formatted(x.validityDays())).orElse("")).setHeader("Validity")
                .setFlexGrow(0).setWidth("120px");
        grid.addColumn(t -> t.approvedBy().map(by -> "approved by " + by).orElse("")
                + t.updatedAt().map(at -> ", " + TIME.format(at)).orElse("")).setHeader("Last change").setFlexGrow(2);
        if (editor) {
            grid.addComponentColumn(t -> {
                var edit = new Button(t.template().isPresent() ? "Change…" : "Set…",
                        e -> new TemplateDialog(service, type.id(), t, () -> {
                            say("The template change waits for a second person's approval.", true);
                            show();
                        }).open());
                edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
                edit.addClassName("edit-template");
                return edit;
            }).setFlexGrow(0).setWidth("120px");
        }
        grid.setItems(service.templates(type.id()));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No operator is authorized for this type yet.");
        var card = new Div(new H3("Certificate templates"), new Paragraph("Online-issued certificates carry the device ID as"
                + " their common name; each operator's template sets the validity and the other subject attributes."), grid);
        card.addClassNames("card", "type-templates");
        return card;
    }

    private Div history() {
        var grid = new Grid<HistoryEntry>();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(h -> "v" + h.version()).setHeader("Version").setFlexGrow(0).setWidth("100px");
        grid.addColumn(h -> TIME.format(h.changedAt())).setHeader("When").setFlexGrow(0).setWidth("215px");
        grid.addColumn(h -> h.setting() + h.operatorName().map(o -> " (" + o + ")").orElse("")).setHeader("Setting")
                .setFlexGrow(2);
        grid.addColumn(h -> h.oldValue().orElse("–")).setHeader("Old").setFlexGrow(2);
        grid.addColumn(h -> h.newValue().orElse("–")).setHeader("New").setFlexGrow(2);
        grid.addColumn(HistoryEntry::requestedBy).setHeader("Changed by").setFlexGrow(1);
        grid.addColumn(h -> h.approvedBy().orElse("no approval needed")).setHeader("Approved by").setFlexGrow(1);
        grid.setItems(service.history(id));
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No change since the type was set up.");
        grid.addClassName("history-grid");
        var card = new Div(new H3("History"), grid);
        card.addClassNames("card", "type-history");
        return card;
    }

    private void say(String text, boolean success) {
        message.setText(text);
        message.getElement().getClassList().set("refused", !success);
        message.setVisible(true);
    }
}
