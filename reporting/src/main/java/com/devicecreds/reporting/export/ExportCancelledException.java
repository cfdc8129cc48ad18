package com.devicecreds.reporting.export;

/** The user cancelled an export; nothing was delivered and nothing was marked as sent. */
public class ExportCancelledException extends RuntimeException {

    public ExportCancelledException(long rows) {
        super("Export cancelled after " + rows + " rows");
    }
}
