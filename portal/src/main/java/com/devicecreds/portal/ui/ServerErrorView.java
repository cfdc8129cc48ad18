package com.devicecreds.portal.ui;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shown instead of a stack trace when opening a view fails. */
@PageTitle("Error · Credentials Portal")
@AnonymousAllowed
class ServerErrorView extends VerticalLayout implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(ServerErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        var incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("Incident {} opening {}", incident, event.getLocation().getPath(), parameter.getCaughtException());
        removeAll();
        addClassName("error-view");
        add(new H2("Something went wrong"),
                new Paragraph("The page could not be shown. Incident " + incident + " is in the server log."),
                new Anchor("", "Back to the dashboard"));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
