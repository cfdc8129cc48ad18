package com.devicecreds.portal.typeauth;

import static com.devicecreds.portal.typeauth.AuthWorld.models;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.security.ApproverStepUp;
import com.vaadin.flow.component.Component;
import com.devicecreds.portal.security.SignedIn;
import com.vaadin.browserless.BrowserlessUIContext;
import com.vaadin.browserless.SecuredBrowserlessApplicationContext;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The card on a page, without a browser: read-only for operator staff, requests with clear refusals for PKI operations. */
@PortalTest
class TypeAuthorizationCardTest {

    @Autowired
    ApplicationContext spring;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TypeAuthorizationService service;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    CurrentActor currentActor;

    private SecuredBrowserlessApplicationContext<Authentication> app;
    private AuthWorld w;
    private final AtomicInteger changed = new AtomicInteger();

    @BeforeEach
    void aTypeWithTwoAuthorizedOperators() {
        app = SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
        w = new AuthWorld(jdbc);
        AuthWorld.approved(changes, stepUp, () -> service.requestGrant(w.type, w.other, models(w.x1, w.x2)));
    }

    @AfterEach
    void close() {
        app.close();
        SecurityContextHolder.clearContext();
    }

    @Test
    void operator_staff_see_their_own_row_and_no_actions() {
        var window = open(SignedIn.operatorStaff(w.other.code()));

        assertThat(operators(window).getGenericDataView().getItems().map(a -> a.operator().code())).containsExactly(w.other.code());
        assertThat(window.find(Button.class).withClassName("authorize-operator").all()).isEmpty();
        assertThat(window.find(Button.class).withClassName("register-model").all()).isEmpty();
        assertThat(operators(window).getColumns()).hasSize(4);
    }

    @Test
    void pki_operations_request_changes_and_a_refusal_keeps_what_was_typed() {
        var window = open(SignedIn.user("pki.carla", Optional.empty(), Roles.PKI_OPS));
        var card = window.find(TypeAuthorizationCard.class).single();
        assertThat(operators(window).getGenericDataView().getItems().map(a -> a.operator().code()))
                .containsExactly(w.owner.code(), w.other.code());
        assertThat(operators(window).getColumns()).as("with actions").hasSize(5);

        var other = service.authorizations(w.type).orElseThrow().of(w.other).orElseThrow();
        TypeAuthorizationDialogs.revoke(card, other);
        window.find(Button.class).withClassName("submit").single().click();
        var problems = window.find(Div.class).withClassName("form-problems").single();
        assertThat(problems.isVisible()).isTrue();
        assertThat(problems.getText()).isEqualTo("Give a reason for the revocation (at most 1,000 characters).");
        assertThat(changed).hasValue(0);

        window.find(TextArea.class).withClassName("revoke-reason").single().setValue("Contract ended");
        window.find(Button.class).withClassName("submit").single().click();
        assertThat(changed).hasValue(1);
        assertThat(changes.pending()).anyMatch(r -> r.summary().equals("Revoke " + w.otherName + " for " + w.typeName
                + ": Contract ended") && r.requestedBy().equals("pki.carla"));

        window.find(Button.class).withClassName("authorize-operator").single().click();
        @SuppressWarnings("unchecked")
        Select<OperatorSummary> operator = window.find(Select.class).withClassName("authorize-operator-select").single();
        var chosen = operator.getListDataView().getItems().filter(o -> o.ref().id() != w.owner.id() && o.ref().id() != w.other.id())
                .findFirst().orElseThrow();
        operator.setValue(chosen);
        window.find(Button.class).withClassName("submit").single().click();
        assertThat(window.find(Div.class).withClassName("form-problems").single().getText())
                .startsWith("Choose at least one device model");
        assertThat(operator.getValue()).as("kept").isEqualTo(chosen);
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<DeviceModel> chooser = window.find(MultiSelectComboBox.class).withClassName("model-choice").single();
        chooser.setValue(Set.of(chooser.getListDataView().getItems().filter(m -> m.id() == w.x2).findFirst().orElseThrow()));
        window.find(Button.class).withClassName("submit").single().click();
        assertThat(changed).hasValue(2);
        assertThat(changes.pending()).anyMatch(r -> r.target().equals("type/" + w.typeCode + "/operator/" + chosen.ref().code()));
    }

    private BrowserlessUIContext open(Authentication user) {
        var window = app.newUser(user).newWindow();
        window.navigate("", Component.class); // any page: the card is added to its UI
        window.getUI().add(new TypeAuthorizationCard(service, currentActor.actor(), w.type, changed::incrementAndGet));
        return window;
    }

    @SuppressWarnings("unchecked")
    private static Grid<OperatorAuthorization> operators(BrowserlessUIContext window) {
        return window.find(Grid.class).withClassName("authorized-operators").single();
    }
}
