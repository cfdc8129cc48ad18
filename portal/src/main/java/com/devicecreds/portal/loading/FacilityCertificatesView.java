package com.devicecreds.portal.loading;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.facility.FacilityCertificateService;
import com.devicecreds.inventory.loading.facility.InvalidCertificateException;
import com.devicecreds.inventory.loading.facility.TrustedFacility;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/** Administrators decide which key generation facilities may sign credential packages. */
@Route("admin/facility-certificates")
@PageTitle("Trusted facilities")
@Menu(order = 80, icon = "vaadin:diploma", title = "Trusted facilities")
@RolesAllowed(Roles.ADMIN)
class FacilityCertificatesView extends VerticalLayout {

    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE
            .withZone(java.time.ZoneId.systemDefault());

    private final FacilityCertificateService facilities;
    private final Grid<TrustedFacility> grid = new Grid<>();
    private final TextArea pem = new TextArea("Certificate (PEM)");
    private final Div problem = new Div();

    FacilityCertificatesView(FacilityCertificateService facilities) {
        this.facilities = facilities;
        addClassName("facilities");
        setSizeFull();

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(TrustedFacility::subject).setHeader("Subject").setTooltipGenerator(TrustedFacility::subject)
                .setFlexGrow(3);
        grid.addColumn(f -> f.fingerprint().substring(0, 16) + "…").setHeader("SHA-256")
                .setTooltipGenerator(TrustedFacility::fingerprint).setFlexGrow(1);
        grid.addColumn(f -> DAY.format(f.notBefore()) + " – " + DAY.format(f.notAfter())).setHeader("Valid")
                .setWidth("210px").setFlexGrow(0);
        grid.addColumn(f -> f.addedBy() + ", " + DAY.format(f.addedAt())).setHeader("Added")
                .setTooltipGenerator(f -> UploadView.TIME.format(f.addedAt())).setFlexGrow(1);
        grid.addComponentColumn(this::removeButton).setFlexGrow(0).setWidth("120px");
        grid.setAllRowsVisible(true);

        pem.setWidthFull();
        pem.setPlaceholder("-----BEGIN CERTIFICATE-----");
        pem.addClassName("pem-input");
        problem.addClassName("form-problems");
        problem.setVisible(false);
        var trust = new Button("Trust certificate", e -> trust());
        trust.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        var add = new Div(new H3("Trust a facility certificate"), new Paragraph("Paste one X.509 certificate of a key "
                + "generation facility (or of the CA that certifies its signing keys). Packages signed by it, or by a "
                + "certificate it issued, are then accepted; every change is audited."), problem, pem, trust);
        add.addClassName("card");
        var list = new Div(new H3("Trusted facility certificates"), grid);
        list.addClassName("card");
        add(list, add);
        refresh();
    }

    private void trust() {
        try {
            facilities.trust(pem.getValue());
            pem.clear();
            problem.setVisible(false);
            refresh();
        } catch (InvalidCertificateException e) {
            // What the administrator pasted stays in the field, with the reason above it.
            problem.setText(e.getMessage());
            problem.setVisible(true);
        }
    }

    private Button removeButton(TrustedFacility facility) {
        var remove = new Button("Remove", e -> {
            var confirm = new ConfirmDialog("Remove trusted certificate?", "Packages signed by " + facility.subject()
                    + " will be refused from now on.", "Remove", ok -> {
                        facilities.remove(facility.id());
                        refresh();
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return remove;
    }

    private void refresh() {
        grid.setItems(facilities.trusted());
    }
}
