package com.devicecreds.portal.schedules;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.Roles;
import com.devicecreds.reporting.contacts.OperatorContactService;
import com.devicecreds.portal.reports.ReportFilters;
import com.devicecreds.reporting.schedules.ReportScheduleService;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * An operator's e-mail contacts and scheduled reports: who receives what, when, and the delivery
 * history of each schedule, with "run now". Operator staff see their own operator; the other roles
 * that manage schedules choose one. The services check every call again.
 */
@Route("reports/schedules")
@PageTitle("Scheduled reports")
@Menu(order = 5, icon = "vaadin:envelope-o", title = "Scheduled reports")
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
class ScheduledReportsView extends VerticalLayout {

    private final ComboBox<OperatorSummary> operator = new ComboBox<>();
    private final Div content = new Div();
    private final OperatorContactService contacts;
    private final ReportScheduleService schedules;
    private final ScheduledReportDelivery delivery;

    ScheduledReportsView(OperatorContactService contacts, ReportScheduleService schedules, ScheduledReportDelivery delivery,
            OperatorDirectory operators, CurrentActor currentActor) {
        this.contacts = contacts;
        this.schedules = schedules;
        this.delivery = delivery;
        addClassName("schedules-view");
        var visible = operators.visibleTo(currentActor.scope());
        var filters = ReportFilters.withOperator(currentActor.actor(), operator, visible, this::show, false);
        if (currentActor.actor().operator().isPresent()) {
            // Operator staff have no choice to make: their operator is the one shown.
            operator.setItems(visible);
            operator.addValueChangeListener(e -> show());
        }
        content.addClassName("schedules-content");
        var intro = new Paragraph("Reports are e-mailed as spreadsheets to the operator's contacts only. Each run reports"
                + " the last complete week or month before it (days in UTC).");
        intro.addClassName("view-intro");
        add(new H2("Scheduled reports"), intro, filters, content);
        visible.stream().findFirst().ifPresent(operator::setValue);
    }

    private void show() {
        content.removeAll();
        if (operator.getValue() == null) {
            return;
        }
        var ref = operator.getValue().ref();
        var schedulesCard = new SchedulesCard(ref, schedules, contacts, delivery);
        content.add(new ContactsCard(ref, contacts, schedulesCard::refresh), schedulesCard);
    }
}
