package com.devicecreds.portal.rollout;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.live.Polling;
import com.devicecreds.reporting.rollout.Rollout;
import com.devicecreds.reporting.rollout.RolloutService;
import com.devicecreds.portal.grid.GridCells;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * The rollouts in the user's scope with their stage and progress; project managers and PKI
 * operations plan new ones here. A row opens the rollout's page. Refreshed while open, since stages
 * move with batch activations and deliveries.
 */
@Route(RolloutsView.ROUTE)
@PageTitle("Rollouts")
@Menu(order = 5, icon = "vaadin:rocket", title = "Rollouts")
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
class RolloutsView extends VerticalLayout {

    static final String ROUTE = "rollouts";
    static final int REFRESH_MILLIS = 30_000;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final RolloutService rollouts;
    private final Grid<Rollout> grid = new Grid<>();

    RolloutsView(RolloutService rollouts, OperatorDirectory operators, CurrentActor currentActor) {
        this.rollouts = rollouts;
        addClassName("rollouts-view");
        setSizeFull();
        var actor = currentActor.actor();
        var title = new Div(new H2("Rollouts"));
        title.addClassName("rollouts-header");
        if (actor.hasRole(Roles.PROJECT_MANAGER) || actor.hasRole(Roles.PKI_OPS) || actor.hasRole(Roles.ADMIN)) {
            var plan = new Button("Plan a rollout", VaadinIcon.PLUS.create(), e -> new PlanRolloutDialog(rollouts,
                    operators.visibleTo(currentActor.scope()), currentActor.email(), created -> {
                        refresh();
                        getUI().ifPresent(ui -> ui.navigate(RolloutView.route(created.id())));
                    }).open());
            plan.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            plan.addClassName("plan-rollout");
            title.add(plan);
        }
        var explanation = new Paragraph("A rollout provisions one credential type into an operator's devices. It goes ahead "
                + "when a project manager other than its planner has approved it and its credentials are live; then the "
                + "project manager and the operator's contacts are told, by e-mail and here.");
        explanation.addClassName("rollouts-explanation");

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addClassName("rollouts-grid");
        grid.addColumn(Rollout::name).setHeader("Rollout").setFlexGrow(3).setWidth("220px").setTooltipGenerator(Rollout::name);
        grid.addColumn(Rollout::operatorName).setHeader("Operator").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Rollout::typeName).setHeader("Credential type").setFlexGrow(2).setWidth("160px")
                .setTooltipGenerator(Rollout::typeName);
        grid.addColumn(r -> DAY.format(r.windowStart()) + " – " + DAY.format(r.windowEnd())).setHeader("Window")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(GridCells.progress("rollout-progress",
                r -> String.format(Locale.US, "%,d of %,d", r.facts().delivered(), r.targetDevices()), Rollout::progress,
                r -> "Devices provisioned of the target of " + r.name())).setHeader("Delivered of target").setWidth("210px").setFlexGrow(0);
        grid.addColumn(GridCells.badge(r -> String.join(" ", STAGE_BADGE, r.stage().cssName()), r -> r.stage().label(), r -> r.stage().meaning())).setHeader("Stage").setWidth("190px").setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.START);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(RolloutView.route(e.getItem().id()))));
        grid.setEmptyStateText("No rollouts yet.");
        add(title, explanation, grid);
        refresh();
        Polling.whileAttached(this, REFRESH_MILLIS, this::refresh);
    }

    private void refresh() {
        grid.setItems(rollouts.list());
    }

    /** The class of a stage's badge, in the list (drawn in the browser) and on a rollout's page alike. */
    private static final String STAGE_BADGE = "stage-badge";

    static Span stageBadge(Rollout rollout) {
        var badge = new Span(rollout.stage().label());
        badge.addClassNames(STAGE_BADGE, rollout.stage().cssName());
        badge.getElement().setAttribute("title", rollout.stage().meaning());
        return badge;
    }

}
