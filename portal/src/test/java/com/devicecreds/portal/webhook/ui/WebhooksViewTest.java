package com.devicecreds.portal.webhook.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/** Operator staff register an endpoint on the page: refused without https, then its secret shown once. */
@PortalTest
class WebhooksViewTest {

    @Autowired
    ApplicationContext spring;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void operator_staff_register_an_endpoint_of_their_operator_and_see_its_secret_once() {
        var app = SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
        String name = "View test " + UUID.randomUUID().toString().substring(0, 8);
        try {
            var window = app.newUser(SignedIn.operatorStaff("nordkabel")).newWindow();
            window.navigate(WebhooksView.class);
            window.find(Button.class).withClassName("register-endpoint").single().click();
            var fields = window.find(TextField.class).all();
            fields.get(0).setValue(name);
            fields.get(1).setValue("http://localhost:9/plain");
            window.find(Button.class).withClassName("save-endpoint").single().click();
            assertThat(window.find(Paragraph.class).withClassName("form-problems").single().getText())
                    .contains("https://");

            fields.get(1).setValue("https://localhost:9/hook");
            window.find(Button.class).withClassName("save-endpoint").single().click();

            String secret = window.find(TextField.class).withClassName("endpoint-secret").single().getValue();
            assertThat(secret).startsWith("whsec_");
            assertThat(jdbc.sql("""
                            select o.code from webhook_endpoint w join operator o on o.id = w.operator_id where w.name = ?""")
                    .param(name).query(String.class).list()).containsExactly("nordkabel");
        } finally {
            app.close();
        }
    }
}
