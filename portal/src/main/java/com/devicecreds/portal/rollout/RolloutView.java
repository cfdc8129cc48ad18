package com.devicecreds.portal.rollout;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.live.Polling;
import com.devicecreds.portal.ui.chart.ChartImage;
import com.devicecreds.reporting.rollout.Rollout;
import com.devicecreds.reporting.rollout.RolloutCharts;
import com.devicecreds.reporting.rollout.RolloutFacts;
import com.devicecreds.reporting.rollout.RolloutListPart;
import com.devicecreds.reporting.rollout.RolloutProgress;
import com.devicecreds.reporting.rollout.RolloutRefusedException;
import com.devicecreds.reporting.rollout.RolloutService;
import com.devicecreds.reporting.rollout.RolloutStage;
import com.devicecreds.reporting.usage.ReasonCount;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * One rollout: its pipeline from waiting for credentials to complete with the time of each step,
 * the decisions open to the signed-in user (approve, acknowledge the go-ahead, cancel), and its
 * progress: delivered against target, the daily chart, rejections by reason, missing IDs and the
 * list parts it involves. The go-ahead e-mail links here.
 */
@Route(RolloutView.ROUTE)
@PageTitle("Rollout")
@RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
class RolloutView extends VerticalLayout implements BeforeEnterObserver {

    static final String ROUTE = "rollouts/:id(\\d{1,18})";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final RolloutService rollouts;
    private final Actor actor;
    private final Div content = new Div();
    private final Div message = new Div();
    private long id;

    RolloutView(RolloutService rollouts, CurrentActor currentActor) {
        this.rollouts = rollouts;
        this.actor = currentActor.actor();
        addClassName("rollout-view");
        var back = new Anchor(RolloutsView.ROUTE, "← All rollouts");
        back.addClassName("back-link");
        message.addClassName("decision-message");
        message.setVisible(false);
        content.addClassName("rollout-content");
        add(back, message, content);
        Polling.whileAttached(this, RolloutsView.REFRESH_MILLIS, this::show);
    }

    static String route(long rolloutId) {
        return "rollouts/" + rolloutId;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        id = event.getRouteParameters().getLong("id").orElse(-1L);
        show();
    }

    private void show() {
        content.removeAll();
        Optional<Rollout> found = rollouts.find(id);
        if (found.isEmpty()) {
            content.add(new Paragraph("There is no rollout " + id + " for you to see."));
            return;
        }
        Rollout rollout = found.get();
        RolloutProgress progress = rollouts.progress(id).orElseThrow();
        content.add(header(rollout), pipeline(rollout), actions(rollout), facts(rollout, progress), chart(rollout, progress),
                details(progress));
    }

    private Div header(Rollout rollout) {
        var title = new Div(new H2(rollout.name()), RolloutsView.stageBadge(rollout));
        title.addClassName("rollout-title");
        var subtitle = new Paragraph("%s · %s · %s to %s · %,d target devices".formatted(rollout.operatorName(),
                rollout.typeName(), RolloutsView.DAY.format(rollout.windowStart()), RolloutsView.DAY.format(rollout.windowEnd()),
                rollout.targetDevices()));
        subtitle.addClassName("rollout-subtitle");
        var header = new Div(title, subtitle);
        header.addClassName("rollout-header");
        return header;
    }

    private Div pipeline(Rollout rollout) {
        var pipeline = new Div();
        pipeline.addClassName("rollout-pipeline");
        RolloutStage current = rollout.stage();
        for (RolloutFacts.Step step : rollout.facts().steps()) {
            var marker = new Span(step.reached() ? VaadinIcon.CHECK.create() : new Span());
            marker.addClassName("step-marker");
            var label = new Span(step.stage().label());
            label.addClassName("step-label");
            var when = new Span(when(step, rollout));
            when.addClassName("step-when");
            var item = new Div(marker, label, when);
            item.addClassNames("pipeline-step", step.reached() ? "reached" : "pending", step.stage().cssName());
            if (step.stage() == current) {
                item.addClassName("current");
            }
            item.getElement().setAttribute("title", step.stage().meaning());
            pipeline.add(item);
        }
        if (current == RolloutStage.CANCELLED) {
            pipeline.addClassName("cancelled");
            var note = new Paragraph("Cancelled by %s on %s: %s".formatted(rollout.cancelledBy().orElse(""),
                    rollout.facts().cancelledAt().map(TIME::format).orElse(""), rollout.cancelReason().orElse("")));
            note.addClassName("cancel-note");
            var box = new Div(pipeline, note);
            box.addClassName("card");
            return box;
        }
        var card = new Div(pipeline);
        card.addClassName("card");
        return card;
    }

    private static String when(RolloutFacts.Step step, Rollout rollout) {
        if (!step.reached()) {
            return switch (step.stage()) {
                case APPROVED -> "waits for a project manager";
                case LIVE -> "no credentials available";
                case GO_AHEAD_SENT -> "when approved and live";
                default -> "";
            };
        }
        return step.at().map(TIME::format).or(() -> step.on().map(RolloutsView.DAY::format))
                .orElse(step.stage() == RolloutStage.LOADED || step.stage() == RolloutStage.LIVE ? "before planning" : "");
    }

    private Div actions(Rollout rollout) {
        var actions = new Div();
        actions.addClassName("rollout-actions");
        boolean open = rollout.stage() != RolloutStage.CANCELLED;
        var who = new Span("Planned by %s on %s%s".formatted(rollout.createdBy(), TIME.format(rollout.createdAt()),
                rollout.approvedBy().map(by -> "; approved by " + by).orElse("")
                        + rollout.acknowledgedBy().map(by -> "; go-ahead acknowledged by " + by).orElse("")));
        who.addClassName("rollout-people");
        actions.add(who);
        if (open && actor.hasRole(Roles.PROJECT_MANAGER) && rollout.approvedBy().isEmpty()) {
            var approve = new Button("Approve rollout", VaadinIcon.CHECK.create(), e -> decide(() -> rollouts.approve(id),
                    "Rollout approved."));
            approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            approve.addClassName("approve-rollout");
            if (rollout.createdBy().equals(actor.username())) {
                approve.setEnabled(false);
                approve.setTooltipText("You planned this rollout; another project manager approves it.");
            }
            actions.add(approve);
        }
        boolean mayAcknowledge = actor.hasRole(Roles.PROJECT_MANAGER) || actor.hasRole(Roles.OPERATOR_STAFF);
        if (open && mayAcknowledge && rollout.facts().goAheadAt().isPresent() && rollout.acknowledgedBy().isEmpty()) {
            var acknowledge = new Button("Acknowledge go-ahead", VaadinIcon.HANDSHAKE.create(),
                    e -> decide(() -> rollouts.acknowledge(id), "Go-ahead acknowledged."));
            acknowledge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            acknowledge.addClassName("acknowledge-go-ahead");
            actions.add(acknowledge);
        }
        boolean mayCancel = actor.hasRole(Roles.PROJECT_MANAGER) || actor.hasRole(Roles.PKI_OPS) || actor.hasRole(Roles.ADMIN);
        if (open && mayCancel && rollout.stage() != RolloutStage.COMPLETE) {
            var cancel = new Button("Cancel rollout", e -> confirmCancel());
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            cancel.addClassName("cancel-rollout");
            actions.add(cancel);
        }
        return actions;
    }

    private void confirmCancel() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Cancel this rollout?");
        var reason = new TextArea("Reason");
        reason.setMaxLength(1000);
        reason.setWidthFull();
        reason.addClassName("cancel-reason");
        var problem = new Div();
        problem.addClassName("form-problems");
        problem.setVisible(false);
        dialog.add(new Paragraph("A cancelled rollout is told nothing more; its history stays."), problem, reason);
        var confirm = new Button("Cancel rollout", e -> {
            try {
                rollouts.cancel(id, reason.getValue());
                dialog.close();
                say("Rollout cancelled.", false);
                show();
            } catch (RolloutRefusedException refused) {
                problem.setText(refused.getMessage());
                problem.setVisible(true);
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        confirm.addClassName("confirm-cancel");
        dialog.getFooter().add(new Button("Keep it", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void decide(Supplier<Rollout> decision, String done) {
        try {
            decision.get();
            say(done, false);
        } catch (RolloutRefusedException e) {
            say(e.getMessage(), true);
        }
        show();
    }

    private void say(String text, boolean refused) {
        message.setText(text);
        message.setClassName("refused", refused);
        message.setVisible(true);
    }

    private Div facts(Rollout rollout, RolloutProgress progress) {
        var bar = new ProgressBar(0, 1, rollout.progress());
        bar.getElement().setAttribute("aria-label", "Devices provisioned of the target");
        var delivered = fact("Delivered", "%,d of %,d".formatted(progress.delivered(), rollout.targetDevices()), bar);
        delivered.addClassName("fact-delivered");
        var available = fact("Credentials available", "%,d".formatted(rollout.facts().available()),
                new Span(rollout.facts().available() < rollout.targetDevices() - progress.delivered()
                        ? "fewer than the devices still to go" : "enough for the devices still to go"));
        available.addClassName("fact-available");
        var rejected = fact("Rejected requests", "%,d".formatted(progress.rejected()),
                new Span("%,d re-deliveries".formatted(progress.days().stream().mapToLong(d -> d.redelivered()).sum())));
        var missing = fact("Missing device IDs", "%,d".formatted(progress.missingNew() + progress.missingSent()),
                new Span("%,d new · %,d sent to the operator · %,d resolved".formatted(progress.missingNew(),
                        progress.missingSent(), progress.missingResolved())));
        missing.addClassName("fact-missing");
        var pm = fact("Project manager", rollout.projectManagerEmail(), new Span("receives the go-ahead"));
        pm.addClassName("fact-pm");
        var row = new Div(delivered, available, rejected, missing, pm);
        row.addClassName("rollout-facts");
        return row;
    }

    private static Div fact(String label, String value, com.vaadin.flow.component.Component below) {
        var title = new Span(label);
        title.addClassName("fact-title");
        var figure = new Span(value);
        figure.addClassName("fact-figure");
        below.addClassName("fact-below");
        var card = new Div(title, figure, below);
        card.addClassNames("card", "rollout-fact");
        return card;
    }

    private Div chart(Rollout rollout, RolloutProgress progress) {
        var card = new Div(new H3("Daily progress"));
        card.addClassNames("card", "rollout-chart-card");
        if (progress.days().isEmpty()) {
            card.add(new Paragraph("The window starts on " + RolloutsView.DAY.format(rollout.windowStart()) + "."));
            return card;
        }
        var image = ChartImage.shared("rollout-" + rollout.id(), "First deliveries per day and in total against the target",
                960, 300, new ChartInputs(rollout, progress),
                inputs -> RolloutCharts.dailyProgress(inputs.rollout(), inputs.progress()));
        image.addClassName("rollout-chart");
        card.add(image);
        return card;
    }

    private Div details(RolloutProgress progress) {
        var reasons = new Grid<ReasonCount>();
        reasons.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        reasons.addColumn(ReasonCount::reason).setHeader("Reason").setFlexGrow(1);
        reasons.addColumn(r -> "%,d".formatted(r.count())).setHeader("Requests").setTextAlign(ColumnTextAlign.END)
                .setFlexGrow(0).setWidth("120px");
        reasons.setItems(progress.rejections());
        reasons.setAllRowsVisible(true);
        reasons.setEmptyStateText("No rejections in the window.");
        reasons.addClassName("rollout-rejections");
        var rejections = new Div(new H3("Rejections by reason"), reasons);
        rejections.addClassNames("card", "rollout-detail");

        var parts = new Div(new H3("Authorized list parts"));
        parts.addClassNames("card", "rollout-detail", "rollout-parts");
        if (progress.listParts().isEmpty()) {
            parts.add(new Paragraph("The rollout names no list part."));
        }
        for (RolloutListPart part : progress.listParts()) {
            parts.add(new Paragraph(part.label() + ", received " + TIME.format(part.receivedAt())));
        }
        var row = new Div(rejections, parts);
        row.addClassName("rollout-details");
        return row;
    }

    /** What the progress chart is drawn from, so that viewers of the same rollout and progress share it. */
    private record ChartInputs(Rollout rollout, RolloutProgress progress) {
    }
}
