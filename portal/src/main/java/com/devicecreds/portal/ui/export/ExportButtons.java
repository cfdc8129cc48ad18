package com.devicecreds.portal.ui.export;

import java.util.function.Function;

import com.devicecreds.reporting.export.ExportFormat;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * A report's export offered twice, side by side: as an Excel workbook for people and as CSV for
 * scripts (decision 028). Both run the same export with the same rules; only the file differs.
 */
public class ExportButtons extends HorizontalLayout {

    private final ExportButton excel;
    private final ExportButton csv;

    /**
     * @param fileName the file's name without its extension
     * @param export   called on click, in the UI thread, to capture the view's current choices
     */
    public ExportButtons(String excelText, String csvText, java.util.function.Supplier<String> fileName,
            Function<ExportFormat, ExportButton.Export> export) {
        excel = new ExportButton(excelText, () -> ExportFormat.XLSX.fileName(fileName.get()), () -> export.apply(ExportFormat.XLSX));
        csv = new ExportButton(csvText, () -> ExportFormat.CSV.fileName(fileName.get()), () -> export.apply(ExportFormat.CSV));
        csv.addClassName("export-csv");
        csv.setTooltipText("UTF-8 CSV with a header line, for scripts; times in UTC");
        setSpacing(false);
        getStyle().set("gap", "var(--lumo-space-xs)");
        setAlignItems(FlexComponent.Alignment.BASELINE);
        addClassName("export-buttons");
        add(excel, csv);
    }

    public ExportButtons withVariants(ButtonVariant... variants) {
        excel.addThemeVariants(variants);
        csv.addThemeVariants(variants);
        return this;
    }

    public void setExportTooltip(String text) {
        excel.setTooltipText(text);
        csv.setTooltipText(text + " (CSV)");
    }

    @Override
    public void setEnabled(boolean enabled) {
        excel.setEnabled(enabled);
        csv.setEnabled(enabled);
    }
}
