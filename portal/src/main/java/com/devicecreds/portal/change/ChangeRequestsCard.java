package com.devicecreds.portal.change;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.function.Supplier;

import com.devicecreds.access.Actor;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.security.StepUpThrottledException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * A card of configuration change requests: pending ones with approve, reject (with a reason) and
 * withdraw for those who may, or the history of a target. Whoever requested a change sees that
 * someone else decides; the service refuses them anyway.
 */
public class ChangeRequestsCard extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ConfigChangeService changes;
    private final ApproverStepUp stepUp;
    private final Actor viewer;
    private final boolean mayDecide;
    private final Runnable changed;
    private final Grid<ChangeRequest> grid = new Grid<>();
    private final Div problem = new Div();
    private Supplier<List<ChangeRequest>> source = List::of;

    /**
     * @param pendingOnly pending requests with actions, else the history (every state, no actions)
     * @param changed     run after a decision, so the page shows what changed
     */
    public ChangeRequestsCard(String title, String explanation, boolean pendingOnly, ConfigChangeService changes,
            ApproverStepUp stepUp, Actor viewer, boolean mayDecide, Runnable changed) {
        this.changes = changes;
        this.stepUp = stepUp;
        this.viewer = viewer;
        this.mayDecide = mayDecide;
        this.changed = changed;
        addClassNames("card", pendingOnly ? "pending-changes" : "change-history");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(ChangeRequest::summary).setHeader("Change").setFlexGrow(pendingOnly ? 4 : 6);
        grid.addColumn(r -> r.requestedBy() + ", " + TIME.format(r.requestedAt())).setHeader("Requested").setFlexGrow(2);
        if (pendingOnly) {
            grid.addColumn(r -> TIME.format(r.expiresAt())).setHeader("Expires").setFlexGrow(1);
            grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(2);
        } else {
            grid.addComponentColumn(ChangeRequestsCard::state).setHeader("State").setFlexGrow(0).setWidth("120px");
            grid.addColumn(r -> r.decidedBy().orElse("") + r.decidedAt().map(at -> ", " + TIME.format(at)).orElse(""))
                    .setHeader("Decided").setFlexGrow(2);
            grid.addColumn(r -> r.reason().orElse("")).setHeader("Reason").setFlexGrow(2);
        }
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(pendingOnly ? "No change waits for a decision." : "No change was requested yet.");
        problem.addClassName("form-problems");
        problem.setVisible(false);
        add(new H3(title), new Paragraph(explanation), problem, grid);
    }

    public void show(Supplier<List<ChangeRequest>> requests) {
        this.source = requests;
        refresh();
    }

    public void refresh() {
        grid.setItems(source.get());
    }

    private HorizontalLayout actions(ChangeRequest request) {
        var row = new HorizontalLayout();
        row.setSpacing(true);
        if (request.requestedBy().equals(viewer.username())) {
            row.add(new Span("Waiting for a second person"));
            var withdraw = new Button("Withdraw", e -> act(() -> changes.withdraw(request.id())));
            withdraw.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            row.add(withdraw);
        } else if (mayDecide) {
            var approve = new Button("Approve…", e -> approveDialog(request));
            approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            approve.addClassName("approve-change");
            var reject = new Button("Reject…", e -> rejectDialog(request));
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            row.add(approve, reject);
        } else {
            row.add(new Span("Pending"));
        }
        return row;
    }

    /**
     * Approving asks the approver to confirm who they are, as deciding on a batch does: the password in
     * development, signing in again at the identity provider with Keycloak (back on this page).
     */
    private void approveDialog(ChangeRequest request) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Approve this change?");
        dialog.addClassName("approve-change-dialog");
        var refusal = new Div();
        refusal.addClassName("form-problems");
        refusal.setVisible(false);
        var password = new PasswordField("Your password");
        password.addClassName("confirm-password");
        password.setWidth("24em");
        String route = UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters();
        Optional<String> signInAgain = stepUp.signInAgainUrl(route);
        dialog.add(new Paragraph(request.summary()), new Paragraph("Requested by " + request.requestedBy() + ", "
                + TIME.format(request.requestedAt()) + ". It takes effect as soon as you approve."), refusal);
        if (signInAgain.isEmpty()) {
            dialog.add(password);
        } else {
            dialog.add(new Paragraph("Unless you signed in within the last few minutes, approving first takes you to the"
                    + " identity provider to sign in again; you come back here and approve."));
        }
        var approve = new Button("Approve", e -> {
            try {
                if (signInAgain.isEmpty() && !stepUp.confirmPassword(password.getValue())) {
                    refusal.setText("That is not your password. Enter it again to confirm the approval.");
                    refusal.setVisible(true);
                    password.clear();
                    return;
                }
            } catch (StepUpThrottledException locked) {
                refusal.setText(locked.getMessage());
                refusal.setVisible(true);
                password.clear();
                return;
            }
            try {
                changes.approve(request.id());
                dialog.close();
                problem.setVisible(false);
                changed.run();
            } catch (ConfigChangeService.StepUpRequiredException stale) {
                signInAgain.ifPresentOrElse(url -> UI.getCurrent().getPage().setLocation(url), () -> {
                    refusal.setText(stale.getMessage());
                    refusal.setVisible(true);
                });
            } catch (ChangeRefusedException refused) {
                dialog.close();
                problem.setText(refused.getMessage());
                problem.setVisible(true);
                changed.run();
            }
        });
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        approve.addClassName("confirm-approve-change");
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), approve);
        dialog.open();
    }

    private void rejectDialog(ChangeRequest request) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Reject this change?");
        var reason = new TextArea("Reason (required)");
        reason.setWidth("420px");
        reason.setMaxLength(1000);
        var reject = new Button("Reject", e -> {
            if (reason.getValue().isBlank()) {
                reason.setErrorMessage("Say why, for the requester and the audit trail.");
                reason.setInvalid(true);
            } else if (act(() -> changes.reject(request.id(), reason.getValue()))) {
                dialog.close();
            }
        });
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Paragraph(request.summary()), reason);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), reject);
        dialog.open();
    }

    private boolean act(Runnable action) {
        try {
            action.run();
            problem.setVisible(false);
            changed.run();
            return true;
        } catch (ChangeRefusedException e) {
            problem.setText(e.getMessage());
            problem.setVisible(true);
            changed.run();
            return false;
        }
    }

    private static Span state(ChangeRequest request) {
        var badge = new Span(request.state().code());
        badge.getElement().getThemeList().add("badge small " + switch (request.state()) {
            case APPLIED -> "success";
            case REJECTED -> "error";
            case PENDING -> "";
            default -> "contrast";
        });
        return badge;
    }
}
