package com.devicecreds.portal.ui;

import java.util.UUID;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Errors in event handlers reach the user as a short message with an incident number, never a
 * stack trace; the details go to the log under the same number.
 */
@Component
class ErrorHandling implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            var cause = error.getThrowable();
            String message;
            if (clientWentAway(cause)) {
                // The browser closed the connection mid-response (the user left while a chart or a
                // download was streaming): nothing failed on our side, and nobody is there to tell.
                log.debug("Client closed the connection: {}", cause.toString());
                return;
            }
            if (findAccessDenied(cause)) {
                message = "You are not allowed to do that.";
                // Recorded once, where method security refused it (AuthenticationAuditListener).
                log.info("Access denied in UI: {}", cause.getMessage());
            } else {
                var incident = UUID.randomUUID().toString().substring(0, 8);
                message = "Something went wrong (incident " + incident + "). Nothing was changed.";
                log.error("Incident {}", incident, cause);
            }
            if (com.vaadin.flow.component.UI.getCurrent() != null) {
                var n = Notification.show(message, 6000, Notification.Position.TOP_CENTER);
                n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        }));
    }

    static boolean clientWentAway(Throwable t) {
        for (var c = t; c != null; c = c.getCause()) {
            String type = c.getClass().getSimpleName();
            String text = String.valueOf(c.getMessage());
            if (type.equals("ClientAbortException") || type.equals("EofException")
                    || (c instanceof java.io.IOException && (text.contains("Broken pipe") || text.contains("Connection reset")))) {
                return true;
            }
        }
        return false;
    }

    private static boolean findAccessDenied(Throwable t) {
        for (var c = t; c != null; c = c.getCause()) {
            if (c instanceof AccessDeniedException) {
                return true;
            }
        }
        return false;
    }
}
