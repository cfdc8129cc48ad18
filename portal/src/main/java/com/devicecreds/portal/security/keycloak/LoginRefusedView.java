package com.devicecreds.portal.security.keycloak;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.WebAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Why a Keycloak sign-in did not get into the portal, and the way out: signing out of Keycloak, so
 * that another account can sign in. Registered as a route only in the keycloak profile.
 */
@PageTitle("Sign-in refused · Credentials Portal")
@AnonymousAllowed
class LoginRefusedView extends VerticalLayout implements BeforeEnterObserver {

    static final String PATH = "login-refused";
    static final String GENERIC = "Keycloak could not sign you in. Try again; if it keeps failing, "
            + "tell an administrator when it happened.";

    private final ClientRegistration keycloak;
    private final Paragraph reason = new Paragraph(GENERIC);
    private final Anchor signOut = new Anchor("", "Sign out of Keycloak");

    LoginRefusedView(ClientRegistrationRepository registrations) {
        this.keycloak = registrations.findByRegistrationId(KeycloakSecurityConfiguration.REGISTRATION_ID);
        addClassNames("error-view", "login-refused");
        reason.addClassName("login-refused-reason");
        signOut.addClassName("keycloak-sign-out");
        add(new H1("Sign-in refused"), reason,
                new Paragraph("Access to the portal is managed in Keycloak. Ask an administrator to give your "
                        + "account a portal role (operator staff also need an operator), then sign in again."),
                signOut);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // Stored by Spring Security's failure handler; only our own refusals carry a message written for users.
        Object failure = VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        reason.setText(failure instanceof LoginRefusedException refused ? refused.getMessage() : GENERIC);
        signOut.setHref(endSessionUrl());
    }

    /** Keycloak's end-session endpoint, back to the portal afterwards; without an ID token Keycloak asks to confirm. */
    private String endSessionUrl() {
        String portal = ServletUriComponentsBuilder
                .fromContextPath(VaadinServletRequest.getCurrent().getHttpServletRequest()).path("/").toUriString();
        Object endpoint = keycloak.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (endpoint == null) {
            return portal;
        }
        return UriComponentsBuilder.fromUriString(endpoint.toString())
                .queryParam("client_id", keycloak.getClientId())
                .queryParam("post_logout_redirect_uri", portal)
                .encode().build().toUriString();
    }
}
