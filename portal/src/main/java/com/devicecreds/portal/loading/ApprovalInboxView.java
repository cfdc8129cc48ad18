package com.devicecreds.portal.loading;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.approval.ApprovalInbox;
import com.devicecreds.inventory.loading.approval.ApprovalService;
import com.devicecreds.inventory.loading.approval.BatchWithdrawal;
import com.devicecreds.inventory.loading.approval.PendingBatch;
import com.devicecreds.inventory.loading.approval.YourPart;
import com.devicecreds.inventory.pool.InventoryService;
import com.devicecreds.portal.security.ApproverStepUp;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * The approval inbox: the batches waiting for the signed-in approver's decision (never their own),
 * with their age, and the other open requests. A batch opens in the {@link ApprovalDialog}; the
 * route with a batch ID ({@code loading/approvals/42}) opens it directly, as reminder e-mails and
 * the Keycloak step-up do.
 */
@Route("loading/approvals")
@PageTitle("Approvals")
@Menu(order = 2.5, icon = "vaadin:check-square-o", title = "Approvals")
@RolesAllowed({Roles.PKI_OPS, Roles.ADMIN})
class ApprovalInboxView extends VerticalLayout implements HasUrlParameter<Long> {

    static final String ROUTE = "loading/approvals";
    private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter
            .ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final ApprovalInbox inbox;
    private final ApprovalService approvals;
    private final BatchWithdrawal withdrawal;
    private final InventoryService inventory;
    private final ApproverStepUp stepUp;
    private final Clock clock;
    private final Grid<PendingBatch> mine = grid("inbox-mine");
    private final Grid<PendingBatch> others = grid("inbox-others");
    private final H3 mineTitle = new H3();

    ApprovalInboxView(ApprovalInbox inbox, ApprovalService approvals, BatchWithdrawal withdrawal, InventoryService inventory,
            ApproverStepUp stepUp, Clock clock) {
        this.inbox = inbox;
        this.approvals = approvals;
        this.withdrawal = withdrawal;
        this.inventory = inventory;
        this.stepUp = stepUp;
        this.clock = clock;
        addClassNames("loading", "approvals");
        setSizeFull();
        var mineCard = new Div(mineTitle, new Paragraph("Staged batches you may decide on: not your own, not decided by you. "
                + "Each needs approvals from distinct PKI operators other than its submitter; one rejection ends it."), mine);
        mineCard.addClassNames("card", "inbox-card");
        var othersCard = new Div(new H3("Other open requests"), others);
        othersCard.addClassNames("card", "inbox-card");
        add(mineCard, othersCard);
        refresh();
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter Long batchId) {
        if (batchId != null) {
            open(batchId);
        }
    }

    private void refresh() {
        List<PendingBatch> pending = inbox.pending();
        var forMe = pending.stream().filter(p -> p.yourPart() == YourPart.DECIDE).toList();
        mine.setItems(forMe);
        others.setItems(pending.stream().filter(p -> p.yourPart() != YourPart.DECIDE).toList());
        mineTitle.setText(forMe.isEmpty() ? "Nothing waits for your decision" : "Waiting for your decision (" + forMe.size() + ")");
    }

    private void open(long batchId) {
        inbox.context(batchId).ifPresentOrElse(context -> {
            var pool = inventory.pools().stream()
                    .filter(p -> p.credentialTypeId() == context.batch().credentialTypeId()).findFirst();
            var dialog = new ApprovalDialog(context, pool, approvals, withdrawal, stepUp, ROUTE + "/" + batchId);
            dialog.addOpenedChangeListener(e -> {
                if (!e.isOpened()) {
                    refresh();
                }
            });
            dialog.open();
        }, () -> com.vaadin.flow.component.notification.Notification.show(
                "There is no batch " + batchId + " for you to see.", 5000,
                com.vaadin.flow.component.notification.Notification.Position.TOP_CENTER));
    }

    private Grid<PendingBatch> grid(String className) {
        var grid = new Grid<PendingBatch>();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addClassName(className);
        grid.addColumn(p -> p.batch().batchRef()).setHeader("Batch ID").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> p.batch().typeName()).setHeader("Credential type").setFlexGrow(1).setWidth("150px")
                .setTooltipGenerator(p -> p.batch().typeName());
        grid.addColumn(p -> String.format(Locale.US, "%,d", p.batch().recordCount())).setHeader("Records")
                .setTextAlign(ColumnTextAlign.END).setFlexGrow(0).setWidth("90px");
        grid.addColumn(p -> p.batch().submittedBy()).setHeader("Submitted by").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> age(p.age(clock.instant()))).setHeader("Waiting").setFlexGrow(0).setWidth("90px");
        grid.addColumn(p -> p.batch().approvals() + " of " + p.batch().approvalsRequired()).setHeader("Approvals")
                .setFlexGrow(0).setWidth("95px");
        grid.addColumn(p -> SHORT_TIME.format(p.expiresAt())).setHeader("Expires").setFlexGrow(0).setWidth("125px")
                .setTooltipGenerator(p -> UploadView.TIME.format(p.expiresAt()));
        grid.addColumn(p -> p.yourPart().label()).setHeader("Your part").setWidth("175px").setFlexGrow(1)
                .setTooltipGenerator(p -> p.yourPart().label());
        grid.addComponentColumn(p -> {
            var button = new Button(p.yourPart() == YourPart.DECIDE ? "Review"
                    : p.yourPart() == YourPart.OWN_BATCH ? "Withdraw…" : "View", e -> open(p.batch().id()));
            button.addThemeVariants(ButtonVariant.LUMO_SMALL,
                    p.yourPart() == YourPart.DECIDE ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_TERTIARY);
            button.addClassName("open-batch");
            return button;
        }).setFlexGrow(0).setWidth("100px");
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No batch here.");
        return grid;
    }

    static String age(Duration age) {
        long hours = age.toHours();
        return hours >= 48 ? hours / 24 + " d " + hours % 24 + " h" : hours >= 1 ? hours + " h " + age.toMinutesPart() + " min"
                : Math.max(0, age.toMinutes()) + " min";
    }
}
