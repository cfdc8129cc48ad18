package com.devicecreds.portal.api.token;

import java.time.Clock;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The signed-in user's personal API tokens (decision 031), reached from the user menu: the layout
 * only links here, so that it never holds a service itself. Personal tokens exist in the embedded run
 * only; with Keycloak, machines use service clients.
 */
@Route(ApiTokensView.ROUTE)
@PageTitle("API tokens")
@PermitAll
class ApiTokensView extends VerticalLayout {

    static final String ROUTE = "account/api-tokens";

    private final ObjectProvider<ApiTokenService> tokens;
    private final Clock clock;

    ApiTokensView(ObjectProvider<ApiTokenService> tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        addClassName("api-tokens-view");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        removeAll();
        var service = tokens.getIfAvailable();
        if (service == null) {
            add(new Paragraph("Personal API tokens exist in the embedded run only. With Keycloak, back-office systems "
                    + "call the API with a service client's token (client credentials)."));
            return;
        }
        var dialog = new ApiTokensDialog(service, clock);
        dialog.addOpenedChangeListener(opened -> {
            if (!opened.isOpened()) {
                getUI().ifPresent(ui -> ui.navigate(""));
            }
        });
        dialog.open();
    }
}
