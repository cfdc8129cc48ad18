package com.devicecreds.portal.loading;

import java.io.InputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.LoadingProperties;
import com.devicecreds.inventory.loading.batch.BatchService;
import com.devicecreds.inventory.loading.batch.StagedBatch;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.inventory.loading.upload.UploadReport;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadFormat;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;

/**
 * PKI operations upload a credential package from the key generation facility: the limits are
 * shown before, the full validation report after, and the batches loaded so far below.
 */
@Route("loading/upload")
@PageTitle("Load credentials")
@Menu(order = 2, icon = "vaadin:upload", title = "Load credentials")
@RolesAllowed(Roles.PKI_OPS)
class UploadView extends VerticalLayout {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final PackageUploadService uploads;
    private final Div report = new Div();
    private final Upload upload = new Upload(this::receive);
    private final Grid<StagedBatch> batches = new Grid<>();

    UploadView(PackageUploadService uploads, BatchService batchService) {
        this.uploads = uploads;
        addClassName("loading");
        setSizeFull();

        var limits = uploads.limits();
        // RAW: the browser sends the file as the request body, which the handler streams to a temporary file.
        upload.setUploadFormat(UploadFormat.RAW);
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".zip", "application/zip");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, limits.maxPackageSize().toBytes()));
        upload.addClassName("package-upload");

        var card = new Div(new H3("Upload a credential package"), new Paragraph(limitsText(limits)), upload, report);
        card.addClassNames("card", "upload-card");
        report.addClassName("upload-report");
        report.setVisible(false);

        batches.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        batches.addClassName("batches-grid");
        batches.addColumn(StagedBatch::batchRef).setHeader("Batch ID").setFlexGrow(1);
        batches.addColumn(StagedBatch::typeName).setHeader("Credential type").setTooltipGenerator(StagedBatch::typeName)
                .setFlexGrow(3);
        batches.addColumn(b -> b.operatorName().orElse("Shared")).setHeader("Operator").setFlexGrow(1);
        batches.addColumn(b -> String.format(Locale.US, "%,d", b.recordCount())).setHeader("Records")
                .setTextAlign(ColumnTextAlign.END).setFlexGrow(0).setWidth("110px");
        batches.addColumn(StagedBatch::submittedBy).setHeader("Submitted by").setFlexGrow(1);
        batches.addColumn(b -> TIME.format(b.submittedAt())).setHeader("Submitted at").setFlexGrow(0).setWidth("160px");
        batches.addComponentColumn(b -> ReportPanel.stateBadge(b.state())).setHeader("State").setFlexGrow(0).setWidth("110px");
        batches.addColumn(b -> b.approvals() + " of " + b.approvalsRequired()).setHeader("Approvals").setFlexGrow(0)
                .setWidth("110px");
        batches.setItems(query -> batchService.loadedBatches(query.getOffset(), query.getLimit()).stream());
        batches.setHeight("320px");

        var list = new Div(new H3("Loaded batches"), batches);
        list.addClassNames("card", "batches-card");
        add(card, list);
    }

    /** Runs on the upload request without the session lock: validates, then shows the report in the UI. */
    private void receive(UploadEvent event) throws java.io.IOException {
        UploadReport result;
        try (InputStream in = event.getInputStream()) {
            result = uploads.upload(in, event.getFileName());
        }
        event.getUI().access(() -> show(result));
    }

    private void show(UploadReport result) {
        report.removeAll();
        report.add(ReportPanel.of(result));
        report.setVisible(true);
        // Ready for the next package: one file at a time, and the report tells what became of this one.
        upload.clearFileList();
        batches.getDataProvider().refreshAll();
    }

    private static String limitsText(LoadingProperties.Upload limits) {
        return "A ZIP with manifest.txt, records.csv, manifest.sig and signer.pem, signed by a trusted key generation "
                + "facility. At most " + limits.maxPackageSize().toMegabytes() + " MB as uploaded, "
                + limits.maxInflatedSize().toMegabytes() + " MB inflated, an inflate ratio of " + limits.maxInflateRatio()
                + " and " + limits.maxEntries() + " entries. A valid package is staged: nothing becomes available "
                + "to devices before the batch is approved and activated.";
    }
}
