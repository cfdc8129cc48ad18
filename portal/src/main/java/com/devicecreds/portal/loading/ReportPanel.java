package com.devicecreds.portal.loading;

import java.util.Locale;

import com.devicecreds.inventory.loading.upload.Problem;
import com.devicecreds.inventory.loading.upload.TargetPool;
import com.devicecreds.inventory.loading.upload.UploadReport;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;

/** A validation report as the PKI operator reads it: every problem with its message, or what was staged. */
final class ReportPanel {

    private ReportPanel() {
    }

    static Component of(UploadReport report) {
        var panel = new Div();
        panel.addClassNames("report", report.accepted() ? "report-accepted" : "report-refused");
        if (report.accepted()) {
            var batch = report.batch().orElseThrow();
            panel.add(new H4("Staged: batch " + batch.batchRef()));
            var facts = new Div();
            facts.addClassName("report-facts");
            fact(facts, "File", report.fileName() + " (" + String.format(Locale.US, "%,d", report.packageBytes()) + " bytes)");
            fact(facts, "Records", String.format(Locale.US, "%,d", batch.recordCount()));
            fact(facts, "Manifest SHA-256", batch.manifestSha256()).addClassName("hash");
            report.manifest().ifPresent(m -> {
                fact(facts, "Records SHA-256", m.recordsSha256Hex()).addClassName("hash");
                fact(facts, "Facility", m.producingFacility() + ", made " + m.createdAt());
            });
            fact(facts, "Signed by", batch.signerSubject());
            report.pool().ifPresent(pool -> fact(facts, "Fills the pool", pool(pool)));
            fact(facts, "State", "staged: waiting for approval; none of its credentials is available to devices");
            panel.add(facts);
        } else {
            panel.add(new H4("Refused: " + report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems")
                    + " in " + report.fileName()));
            var list = new UnorderedList();
            list.addClassName("report-problems");
            for (Problem problem : report.problems()) {
                var kind = new Span(problem.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                kind.addClassName("problem-kind");
                list.add(new ListItem(kind, new Span(problem.message())));
            }
            panel.add(list);
            report.manifest().ifPresent(m -> panel.add(new Span("Manifest: batch " + m.batchId() + ", type "
                    + m.credentialType() + ", " + String.format(Locale.US, "%,d", m.recordCount()) + " records, from "
                    + m.producingFacility() + ". Nothing was staged.")));
        }
        return panel;
    }

    static Span stateBadge(String state) {
        var badge = new Span(state);
        badge.addClassNames("state-badge", "state-" + state);
        return badge;
    }

    private static String pool(TargetPool pool) {
        return pool.typeName() + " (" + pool.typeCode() + ", " + pool.operatorName().orElse("shared") + ", "
                + pool.bindingMode() + "): " + String.format(Locale.US, "%,d available, %,d staged", pool.available(), pool.staged());
    }

    private static Span fact(Div facts, String label, String value) {
        var name = new Span(label);
        name.addClassName("fact-label");
        var text = new Span(value);
        text.addClassName("fact-value");
        facts.add(name, text);
        return text;
    }
}
