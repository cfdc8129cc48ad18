package com.devicecreds.portal.e2e;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.change.ChangeRequestsCard;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.typeauth.TypeAuthorizationCard;
import com.devicecreds.portal.typeauth.TypeAuthorizationService;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;

/**
 * The type authorization card as the credential type page will embed it, with that page's pending
 * changes of the type. Test code only: the end-to-end test registers it as a route at run time.
 */
@RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
public class TypeAuthorizationPreview extends VerticalLayout implements BeforeEnterObserver {

    private final TypeAuthorizationService service;
    private final ConfigChangeService changes;
    private final CurrentActor currentActor;

    public TypeAuthorizationPreview(TypeAuthorizationService service, ConfigChangeService changes, CurrentActor currentActor) {
        this.service = service;
        this.changes = changes;
        this.currentActor = currentActor;
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        int type = Integer.parseInt(event.getLocation().getQueryParameters().getSingleParameter("type").orElseThrow());
        var viewer = currentActor.actor();
        boolean editor = viewer.hasRole(Roles.ADMIN) || viewer.hasRole(Roles.PKI_OPS);
        var rules = service.authorizations(type).orElseThrow();
        var pending = new ChangeRequestsCard[1];
        var card = new TypeAuthorizationCard(service, viewer, type, () -> pending[0].refresh());
        // After a decision the page reads both again: the rules changed, and the request is no longer pending.
        pending[0] = new ChangeRequestsCard("Pending changes", "A change waits until someone other than its requester "
                + "approves or rejects it.", true, changes, viewer, editor, () -> {
                    card.refresh();
                    pending[0].refresh();
                });
        pending[0].show(() -> changes.pending().stream().filter(r -> r.target().startsWith(rules.targetPrefix() + "/")).toList());
        add(new H2(rules.typeName()), card, pending[0]);
    }
}
