package com.devicecreds.portal.ui;

import jakarta.servlet.http.HttpServletResponse;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * A signed-in user opened a page their roles do not admit (typed its address, or followed an old
 * link): a plain refusal instead of Vaadin's "not found", and one ACCESS_DENIED audit record naming
 * the route, as refused service calls get. Anonymous visitors never see it: they are sent to sign in.
 */
@PageTitle("No access · Credentials Portal")
@AnonymousAllowed
class AccessDeniedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

    private final CurrentActor currentActor;
    private final AuditLog auditLog;

    AccessDeniedView(CurrentActor currentActor, AuditLog auditLog) {
        this.currentActor = currentActor;
        this.auditLog = auditLog;
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        String route = "/" + event.getLocation().getPath();
        var actor = currentActor.actor();
        auditLog.record(AuditRecord.of(actor, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, "route:" + route));
        removeAll();
        addClassName("error-view");
        add(new H2("No access to this page"),
                new Paragraph("Your roles do not let you open " + route + ". If you need it, ask an administrator for "
                        + "the role; this attempt is in the audit trail."),
                new Anchor("", "Back to the dashboard"));
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
