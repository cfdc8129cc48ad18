package com.devicecreds.portal.security.dev;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * Sign-in with the demo accounts. Registered as a route only in the dev profile, and says so on
 * the page: its accounts and password are published.
 */
@PageTitle("Sign in · Credentials Portal")
@AnonymousAllowed
class DevLoginView extends HorizontalLayout implements BeforeEnterObserver {

    static final String PATH = "login";

    private final LoginForm login = new LoginForm();

    DevLoginView() {
        addClassName("login-page");
        setSizeFull();
        login.setAction(PATH);
        login.setForgotPasswordButtonVisible(false);

        var brand = new VerticalLayout(new H1("Credentials Portal"),
                new Paragraph("Key inventory, credential loading and provisioning reports for the device-credentials provisioning service."));
        brand.addClassName("login-brand");

        var warning = new Span("Development sign-in: these demo accounts are public. Never expose this instance.");
        warning.addClassName("dev-warning");
        var accounts = new Div();
        accounts.addClassName("demo-accounts");
        accounts.add(new H2("Demo accounts"), new Paragraph("Password for all: " + DemoAccounts.PASSWORD));
        for (var account : DemoAccounts.ALL) {
            var row = new Div(new Span(account.username()),
                    new Span(account.role() + account.operatorCode().map(c -> " · " + c).orElse("")));
            row.addClassName("demo-account");
            accounts.add(row);
        }
        var form = new VerticalLayout(warning, login, accounts);
        form.addClassName("login-form");
        var card = new Div(brand, form);
        card.addClassName("login-card");
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        login.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
