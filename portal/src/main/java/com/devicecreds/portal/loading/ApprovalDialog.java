package com.devicecreds.portal.loading;

import java.util.Locale;
import java.util.Optional;

import com.devicecreds.inventory.loading.approval.ApprovalContext;
import com.devicecreds.inventory.loading.approval.ApprovalService;
import com.devicecreds.inventory.loading.approval.BatchDecision;
import com.devicecreds.inventory.loading.approval.BatchWithdrawal;
import com.devicecreds.inventory.loading.approval.DecisionOutcome;
import com.devicecreds.inventory.loading.approval.DecisionRefusedException;
import com.devicecreds.inventory.loading.approval.ReauthenticationRequiredException;
import com.devicecreds.inventory.loading.approval.YourPart;
import com.devicecreds.inventory.pool.PoolSummary;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.security.StepUpThrottledException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * One batch with everything an approver needs to decide: the manifest, the validation facts, the
 * pool it fills, and the decisions so far; then approve, or reject with a reason. The decision
 * carries the manifest hash and the sealed rows' digest shown here, and asks the approver to prove
 * who they are again. Its submitter may withdraw a waiting request here instead.
 */
class ApprovalDialog extends Dialog {

    private final ApprovalContext context;
    private final ApprovalService approvals;
    private final BatchWithdrawal withdrawal;
    private final ApproverStepUp stepUp;
    private final String route;
    private final PasswordField password = new PasswordField("Your password, to confirm it is you");
    private final TextArea reason = new TextArea("Reason for a rejection");
    private final Div message = new Div();

    ApprovalDialog(ApprovalContext context, Optional<PoolSummary> pool, ApprovalService approvals, BatchWithdrawal withdrawal,
            ApproverStepUp stepUp, String route) {
        this.context = context;
        this.approvals = approvals;
        this.withdrawal = withdrawal;
        this.stepUp = stepUp;
        this.route = route;
        var batch = context.batch();
        setHeaderTitle("Batch " + batch.batchRef());
        addClassName("approval-dialog");
        setWidth("min(1000px, 96vw)");

        var manifest = facts();
        fact(manifest, "Batch ID", batch.batchRef());
        fact(manifest, "Credential type", batch.typeName() + " (" + batch.typeCode() + ", " + batch.operatorName().orElse("shared") + ")");
        fact(manifest, "Records", String.format(Locale.US, "%,d", batch.recordCount()));
        fact(manifest, "Producing facility", batch.producingFacility());
        fact(manifest, "Created at the facility", UploadView.TIME.format(context.packageFacts().createdAt()));
        fact(manifest, "Manifest SHA-256", batch.manifestSha256()).addClassNames("hash", "manifest-hash");
        fact(manifest, "Stored rows SHA-256", batch.stagedSha256().isEmpty() ? "not sealed: do not approve" : batch.stagedSha256())
                .addClassNames("hash", "staged-hash");
        var state = ReportPanel.stateBadge(batch.state());
        manifest.add(label("State"), new Span(state, new Span("  " + batch.approvals() + " of " + batch.approvalsRequired()
                + " approvals" + context.expiresAt().map(at -> ", expires " + UploadView.TIME.format(at)).orElse("")
                + context.closedNote().map(note -> " · " + note).orElse(""))));

        var facts = context.packageFacts();
        var validation = facts();
        fact(validation, "File", facts.fileName() + " (" + String.format(Locale.US, "%,d", facts.packageBytes()) + " bytes)");
        fact(validation, "Records SHA-256", facts.recordsSha256()).addClassName("hash");
        fact(validation, "Signed by", facts.signerSubject());
        fact(validation, "Signer fingerprint", facts.signerFingerprint()).addClassName("hash");
        fact(validation, "Submitted", batch.submittedBy() + " at " + UploadView.TIME.format(batch.submittedAt()));
        fact(validation, "Checks at upload", "signature and chain to a trusted facility, record count and hash, duplicates, "
                + "device-ID format: all passed");
        fact(validation, "Stored manifest", facts.manifestIntact() ? "matches the manifest hash"
                : "DOES NOT match the manifest hash: do not approve").addClassName(facts.manifestIntact() ? "ok" : "warning");
        fact(validation, "Stored rows", facts.rowsIntact() ? "match the digest sealed at upload"
                : "DO NOT match the digest sealed at upload: do not approve").addClassNames("stored-rows", facts.rowsIntact() ? "ok" : "warning");

        var inventory = facts();
        pool.ifPresentOrElse(p -> {
            fact(inventory, "Available now", String.format(Locale.US, "%,d", p.available()));
            fact(inventory, "After activation", String.format(Locale.US, "%,d", p.available() + batch.recordCount()));
            fact(inventory, "Consumption", String.format(Locale.US, "%,.0f a day (7-day average)", p.averagePerDay()));
            fact(inventory, "Runway", runway(p, 0) + " now, " + runway(p, batch.recordCount()) + " after activation");
            fact(inventory, "Level", p.level().name().toLowerCase(Locale.ROOT));
        }, () -> fact(inventory, "Pool", "not visible to you"));

        var decisions = new Grid<BatchDecision>();
        decisions.addClassName("decisions-grid");
        decisions.addThemeVariants(GridVariant.LUMO_COMPACT);
        decisions.addColumn(BatchDecision::decidedBy).setHeader("By");
        decisions.addColumn(BatchDecision::decision).setHeader("Decision");
        decisions.addColumn(d -> UploadView.TIME.format(d.decidedAt())).setHeader("At");
        decisions.addColumn(d -> d.manifestSha256().substring(0, 16) + "…").setHeader("On manifest");
        decisions.addColumn(d -> d.voidedAt().map(v -> "void since " + UploadView.TIME.format(v)).orElse(d.reason().orElse("")))
                .setHeader("Reason / note").setFlexGrow(3);
        decisions.setItems(context.decisions());
        decisions.setAllRowsVisible(true);

        add(section("Manifest", manifest), section("Validation report", validation), section("Pool inventory", inventory),
                section("Decisions so far", context.decisions().isEmpty() ? new Paragraph("None yet.") : decisions));
        message.addClassName("decision-message");
        add(message);
        addDecisionControls();
    }

    private void addDecisionControls() {
        var close = new Button("Close", e -> close());
        if (context.yourPart() == YourPart.OWN_BATCH) {
            addWithdrawal(close);
            return;
        }
        if (context.yourPart() != YourPart.DECIDE) {
            add(new Paragraph(context.yourPart().label() + "."));
            getFooter().add(close);
            return;
        }
        reason.setWidthFull();
        reason.setMaxLength(1000);
        reason.addClassName("reject-reason");
        var controls = new Div();
        controls.addClassName("decision-controls");
        Optional<String> signInAgain = stepUp.signInAgainUrl(route);
        if (signInAgain.isEmpty()) {
            password.addClassName("confirm-password");
            password.setWidth("24em");
            controls.add(password);
        } else {
            var again = new Button("Sign in again to decide", e -> UI.getCurrent().getPage().setLocation(signInAgain.get()));
            again.addClassName("sign-in-again");
            controls.add(new Paragraph("Deciding asks you to sign in again at the identity provider; you come back here."), again);
        }
        controls.add(reason);
        add(controls);
        var approve = new Button("Approve batch", e -> decide(true));
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        approve.addClassName("approve");
        var reject = new Button("Reject batch", e -> decide(false));
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        reject.addClassName("reject");
        getFooter().add(close, reject, approve);
    }

    /** The submitter's own waiting request: no decision, but a way to take it back. */
    private void addWithdrawal(Button close) {
        add(new Paragraph(context.yourPart().label() + ". Withdrawing ends the request and discards its staged credentials."));
        var note = new TextArea("Why you withdraw it (optional)");
        note.setWidthFull();
        note.setMaxLength(1000);
        note.addClassName("withdraw-note");
        add(note);
        var withdraw = new Button("Withdraw request", e -> {
            try {
                withdrawal.withdraw(context.batch().id(), note.getValue());
                Notification.show("Batch " + context.batch().batchRef() + " withdrawn; its request has ended.", 6000,
                        Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                close();
            } catch (DecisionRefusedException refused) {
                problem(refused.getMessage());
            }
        });
        withdraw.addThemeVariants(ButtonVariant.LUMO_ERROR);
        withdraw.addClassName("withdraw");
        getFooter().add(close, withdraw);
    }

    private void decide(boolean approve) {
        if (!approve && reason.getValue().isBlank()) {
            problem("A rejection needs its reason: say what is wrong with the batch.");
            reason.setInvalid(true);
            return;
        }
        try {
            if (stepUp.signInAgainUrl(route).isEmpty() && !stepUp.confirmPassword(password.getValue())) {
                problem("That is not your password. Enter it again to confirm the decision.");
                password.setInvalid(true);
                password.clear();
                return;
            }
        } catch (StepUpThrottledException locked) {
            problem(locked.getMessage());
            password.clear();
            return;
        }
        var batch = context.batch();
        try {
            DecisionOutcome outcome = approve ? approvals.approve(batch.id(), batch.manifestSha256())
                    : approvals.reject(batch.id(), batch.manifestSha256(), reason.getValue());
            String text = switch (outcome.state()) {
                case "approved" -> "Batch " + batch.batchRef() + " approved (" + outcome.approvals() + " of " + outcome.required()
                        + "): its credentials become available in a moment.";
                case "rejected" -> "Batch " + batch.batchRef() + " rejected; its request has ended.";
                default -> "Your approval is recorded: " + outcome.approvals() + " of " + outcome.required()
                        + " approvals. It waits for another approver.";
            };
            Notification.show(text, 6000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            close();
        } catch (ReauthenticationRequiredException e) {
            stepUp.signInAgainUrl(route).ifPresentOrElse(url -> UI.getCurrent().getPage().setLocation(url),
                    () -> problem(e.getMessage()));
        } catch (DecisionRefusedException e) {
            problem(e.getMessage());
        }
    }

    private void problem(String text) {
        message.setText(text);
        message.addClassName("form-problems");
    }

    private static String runway(PoolSummary pool, long added) {
        if (pool.averagePerDay() <= 0) {
            return "no consumption";
        }
        return String.format(Locale.US, "%,.0f days", (pool.available() + added) / pool.averagePerDay());
    }

    private static Div section(String title, com.vaadin.flow.component.Component content) {
        var section = new Div(new H4(title), content);
        section.addClassName("approval-section");
        return section;
    }

    private static Div facts() {
        var facts = new Div();
        facts.addClassName("report-facts");
        return facts;
    }

    private static Span label(String text) {
        var label = new Span(text);
        label.addClassName("fact-label");
        return label;
    }

    private static Span fact(Div facts, String label, String value) {
        var text = new Span(value);
        text.addClassName("fact-value");
        facts.add(label(label), text);
        return text;
    }
}
