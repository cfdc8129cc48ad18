package com.devicecreds.reporting.export;

import java.util.List;

/** The file formats of every report export: Excel for people, CSV for scripts (decision 028). */
public enum ExportFormat {

    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    CSV("csv", "text/csv; charset=UTF-8");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** Starts an export of these columns in this format. */
    public TableExport open(ReportHeading heading, String sheetName, List<ExcelColumn> columns, ExportProgress progress) {
        return switch (this) {
            case XLSX -> new ExcelExport(heading, sheetName, columns, ExcelExport.SHEET_ROWS, progress);
            case CSV -> new CsvExport(columns, progress);
        };
    }

    /** "usage-nordkabel" → "usage-nordkabel.csv". */
    public String fileName(String base) {
        return base + "." + extension;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
