package com.devicecreds.reporting.export;

/** Counts an export's rows, tells its progress every few thousand and stops it when the user cancelled. */
final class RowCounter {

    private static final int PROGRESS_EVERY = 5_000;

    private final ExportProgress progress;
    private long rows;

    RowCounter(ExportProgress progress) {
        this.progress = progress;
    }

    void counted() {
        rows++;
        if (rows % PROGRESS_EVERY == 0) {
            progress.rowsWritten(rows);
            if (progress.cancelled()) {
                throw new ExportCancelledException(rows);
            }
        }
    }

    void done() {
        progress.rowsWritten(rows);
    }

    long rows() {
        return rows;
    }
}
