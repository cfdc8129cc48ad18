package com.devicecreds.reporting.export;

/** Where a long export reports how far it got, and how it learns that the user cancelled it. */
public interface ExportProgress {

    /** Nothing to report to, never cancelled. */
    ExportProgress NONE = new ExportProgress() {
        @Override
        public void rowsWritten(long rows) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** Called every few thousand rows, from the exporting thread. */
    void rowsWritten(long rows);

    boolean cancelled();
}
