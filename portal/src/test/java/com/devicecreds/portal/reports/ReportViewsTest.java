package com.devicecreds.portal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.SignedIn;
import com.devicecreds.portal.ui.chart.ChartImage;
import com.devicecreds.reporting.devices.DeviceEvent;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageRow;
import com.devicecreds.reporting.usage.UsageService;
import com.vaadin.browserless.SecuredBrowserlessApplicationContext;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The usage and device event views on the demo world, without a browser. */
@PortalTest
class ReportViewsTest {

    @Autowired
    ApplicationContext spring;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UsageService usage;
    @Autowired
    OperatorDirectory operators;

    private SecuredBrowserlessApplicationContext<Authentication> app;

    @BeforeEach
    void browserless() {
        app = SpringBrowserlessApplicationContext.createSecured(spring, "com.devicecreds.portal");
    }

    @AfterEach
    void close() {
        app.close();
        SecurityContextHolder.clearContext();
    }

    @Test
    void pki_operations_choose_an_operator_and_see_four_charts_with_the_services_numbers_in_the_table() {
        var window = app.newUser(SignedIn.withRole(Roles.PKI_OPS)).newWindow();
        window.navigate(UsageView.class);

        assertThat(window.find(ChartImage.class).all()).hasSize(4);
        ComboBox<OperatorDirectory.OperatorSummary> operator = window.find(ComboBox.class).withClassName("operator-choice").single();
        var nordkabel = operators.byCode("nordkabel").orElseThrow();
        operator.setValue(operator.getListDataView().getItems().filter(o -> o.ref().equals(nordkabel)).findFirst().orElseThrow());

        var today = LocalDate.now(ZoneOffset.UTC);
        UsageQuery query = new UsageQuery(Optional.of(nordkabel), today.minusDays(29), today, Granularity.DAY);
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            var expected = usage.usage(query);
            Grid<UsageRow> rows = window.find(Grid.class).withClassName("usage-rows").single();
            assertThat(rows.getGenericDataView().getItems().toList()).containsExactlyInAnyOrderElementsOf(expected.rows());
            assertThat(expected.rows()).isNotEmpty();
        }
    }

    @Test
    void operator_staff_open_their_missing_ids_by_an_address_that_names_the_operator_and_a_type() {
        var window = app.newUser(SignedIn.operatorStaff("nordkabel")).newWindow();
        int type = jdbc.sql("""
                        select t.id from credential_type t join type_authorization a on a.credential_type_id = t.id
                        join operator o on o.id = a.operator_id where o.code = 'nordkabel' order by t.id limit 1""")
                .query(Integer.class).single();

        window.navigate("", com.vaadin.flow.component.Component.class);
        com.vaadin.flow.component.UI.getCurrent().navigate("reports/missing-ids", com.vaadin.flow.router.QueryParameters.simple(
                java.util.Map.of("operator", "nordkabel", "type", Integer.toString(type))));

        assertThat(window.getCurrentView()).isInstanceOf(MissingIdsView.class);
        ComboBox<?> types = window.find(ComboBox.class).withClassName("type-choice").single();
        assertThat(types.getValue()).isNotNull();
    }

    @Test
    void a_page_that_acts_for_one_operator_keeps_one_chosen_when_the_choice_is_cleared() {
        var window = app.newUser(SignedIn.withRole(Roles.PKI_OPS)).newWindow();
        window.navigate("reports/schedules", com.vaadin.flow.component.Component.class);
        ComboBox<OperatorDirectory.OperatorSummary> operator = window.find(ComboBox.class).withClassName("operator-choice").single();
        var chosen = operator.getValue();
        assertThat(chosen).isNotNull();

        operator.clear();

        assertThat(operator.getValue()).isEqualTo(chosen);
    }

    @Test
    void operator_staff_have_no_operator_choice_and_see_their_own_operator_only() {
        var window = app.newUser(SignedIn.operatorStaff("nordkabel")).newWindow();
        window.navigate(UsageView.class);

        assertThat(window.find(ComboBox.class).withClassName("operator-choice").all()).isEmpty();
        assertThat(window.find(Span.class).withClassName("scope-badge").single().getText()).isEqualTo("Operator nordkabel");
        Grid<UsageRow> rows = window.find(Grid.class).withClassName("usage-rows").single();
        var ownTypes = jdbc.sql("""
                        select t.id from credential_type t join type_authorization a on a.credential_type_id = t.id
                        join operator o on o.id = a.operator_id where o.code = 'nordkabel'""").query(Integer.class).list();
        assertThat(rows.getGenericDataView().getItems()).isNotEmpty()
                .allSatisfy(row -> assertThat(ownTypes).contains(row.credentialTypeId()));
    }

    @Test
    void a_period_that_ends_before_it_starts_is_explained_and_the_chosen_days_stay() {
        var window = app.newUser(SignedIn.withRole(Roles.PKI_OPS)).newWindow();
        window.navigate(UsageView.class);
        var pickers = window.find(DatePicker.class).all();
        var to = LocalDate.of(2026, 1, 10);
        pickers.get(1).setValue(to);
        pickers.get(0).setValue(LocalDate.of(2026, 2, 1));

        var problems = window.find(Div.class).withClassName("form-problems").single();
        assertThat(problems.isVisible()).isTrue();
        assertThat(problems.getText()).contains("ends (2026-01-10) before it starts (2026-02-01)");
        assertThat(pickers.get(1).getValue()).isEqualTo(to);
    }

    @Test
    void a_device_found_by_a_colon_notation_opens_its_timeline_and_garbage_gets_a_message() {
        String device = jdbc.sql("""
                        select e.device_id from provisioning_event e join operator o on o.id = e.operator_id
                        where o.code = 'nordkabel' and e.device_id_kind = 'mac' limit 1""").query(String.class).single();
        long requests = jdbc.sql("""
                        select count(*) from provisioning_event e join operator o on o.id = e.operator_id
                        where o.code = 'nordkabel' and e.device_id = ?""").param(device).query(Long.class).single();
        var window = app.newUser(SignedIn.operatorStaff("nordkabel")).newWindow();
        window.navigate(DeviceSearchView.class);

        search(window, String.join(":", device.toLowerCase().split("(?<=\\G..)")));
        assertThat(window.find(H3.class).all()).extracting(H3::getText).contains(device);
        Grid<DeviceEvent> timeline = window.find(Grid.class).withClassName("device-timeline").single();
        assertThat(timeline.getGenericDataView().getItems().count()).isEqualTo(requests);

        search(window, "DROP TABLE; --");
        var message = window.find(Div.class).withClassName("search-message").single();
        assertThat(message.getText()).contains("only letters, digits and the separators");
        assertThat(window.find(TextField.class).single().getValue()).isEqualTo("DROP TABLE; --");
    }

    @Test
    void a_too_short_prefix_is_explained() {
        var window = app.newUser(SignedIn.withRole(Roles.PKI_OPS)).newWindow();
        window.navigate(DeviceSearchView.class);
        RadioButtonGroup<com.devicecreds.reporting.devices.SearchMode> mode = window.find(RadioButtonGroup.class).single();
        mode.setValue(com.devicecreds.reporting.devices.SearchMode.PREFIX);

        search(window, "0c:4f");
        assertThat(window.find(Div.class).withClassName("search-message").single().getText())
                .contains("at least 6 characters");
    }

    private static void search(com.vaadin.browserless.BrowserlessUIContext window, String input) {
        window.find(TextField.class).single().setValue(input);
        window.find(Button.class).withClassName("search-button").single().click();
    }
}
