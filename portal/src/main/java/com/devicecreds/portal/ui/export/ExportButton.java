package com.devicecreds.portal.ui.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.devicecreds.portal.live.Polling;
import com.devicecreds.reporting.export.ExportCancelledException;
import com.devicecreds.reporting.export.ExportProgress;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.streams.DownloadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A button that runs a spreadsheet export in a background thread, as the signed-in user, while a
 * dialog shows how many rows are written and offers Cancel; when done it offers the file for
 * download. The export is written to a temporary file (never held in the session) that is deleted
 * when the dialog closes. Reusable by every report view.
 */
public class ExportButton extends Button {

    /** Writes the export and returns a one-line summary for the user. */
    @FunctionalInterface
    public interface Export {
        String write(OutputStream out, ExportProgress progress);
    }

    private static final Logger log = LoggerFactory.getLogger(ExportButton.class);
    private static final int POLL_MILLIS = 500;

    private final Supplier<String> fileName;
    private final Supplier<Export> export;

    /** @param export called on click, in the UI thread, to capture the view's current choices */
    public ExportButton(String text, Supplier<String> fileName, Supplier<Export> export) {
        super(text, VaadinIcon.DOWNLOAD_ALT.create());
        this.fileName = fileName;
        this.export = export;
        addClassName("export-button");
        addClickListener(e -> start());
    }

    private void start() {
        var ui = UI.getCurrent();
        var task = export.get();
        String name = fileName.get();
        var cancelled = new AtomicBoolean();
        var dialog = new Dialog();
        dialog.setHeaderTitle("Exporting " + name);
        dialog.addClassName("export-dialog");
        var bar = new ProgressBar();
        bar.setIndeterminate(true);
        var status = new Paragraph("Starting…");
        status.addClassName("export-status");
        var cancel = new Button("Cancel", e -> {
            cancelled.set(true);
            status.setText("Cancelling…");
        });
        cancel.addClassName("export-cancel");
        dialog.add(bar, status);
        dialog.getFooter().add(cancel);
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
        Polling.whileAttached(dialog, POLL_MILLIS, () -> {
        });

        var security = SecurityContextHolder.getContext();
        var numbers = NumberFormat.getIntegerInstance(Locale.US);
        Thread.ofVirtual().name("export-" + name).start(() -> {
            SecurityContextHolder.setContext(security);
            Path file = null;
            try {
                file = Files.createTempFile("export-", null);
                String summary;
                try (OutputStream out = Files.newOutputStream(file)) {
                    summary = task.write(out, new ExportProgress() {
                        @Override
                        public void rowsWritten(long rows) {
                            ui.access(() -> status.setText(numbers.format(rows) + " rows written"));
                        }

                        @Override
                        public boolean cancelled() {
                            return cancelled.get();
                        }
                    });
                }
                Path done = file;
                ui.access(() -> offer(dialog, bar, status, cancel, done, name, summary));
            } catch (ExportCancelledException e) {
                delete(file);
                ui.access(() -> finish(dialog, bar, status, cancel, "Cancelled: nothing was exported.", null));
            } catch (RuntimeException | IOException e) {
                log.warn("Export {} failed", name, e);
                delete(file);
                ui.access(() -> finish(dialog, bar, status, cancel, "The export failed: " + e.getMessage(), null));
            } finally {
                SecurityContextHolder.clearContext();
            }
        });
    }

    private static void offer(Dialog dialog, ProgressBar bar, Paragraph status, Button cancel, Path file, String name,
            String summary) {
        var link = new Anchor(DownloadHandler.forFile(file.toFile(), name), "Download " + name);
        link.addClassName("export-download");
        dialog.add(link);
        finish(dialog, bar, status, cancel, summary, file);
    }

    private static void finish(Dialog dialog, ProgressBar bar, Paragraph status, Button cancel, String text, Path file) {
        dialog.setHeaderTitle(file == null ? "Export stopped" : "Export ready");
        bar.setVisible(false);
        status.setText(text);
        dialog.getFooter().remove(cancel);
        var close = new Button("Close", e -> dialog.close());
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        close.addClassName("export-close");
        dialog.getFooter().add(close);
        dialog.addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                delete(file);
            }
        });
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
