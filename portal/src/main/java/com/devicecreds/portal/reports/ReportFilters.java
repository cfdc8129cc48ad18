package com.devicecreds.portal.reports;

import java.util.List;

import com.devicecreds.access.Actor;
import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.combobox.ComboBox;

/** The filter row the report views share. */
public final class ReportFilters {

    private ReportFilters() {
    }

    /**
     * The operator a report shows: a badge for operator staff (their scope is fixed), a choice of the
     * visible operators (or all) for every other role, calling {@code onChange} when it changes. The
     * choice is a combo box: its items travel as data when it opens, where a select keeps two state
     * nodes per item in the session (decision 040).
     */
    static Div withOperator(Actor actor, ComboBox<OperatorSummary> operator, List<OperatorSummary> visible, Runnable onChange) {
        return withOperator(actor, operator, visible, onChange, true);
    }

    /** The same, where {@code allowAll} false means one operator must be chosen (pages that act for one operator). */
    public static Div withOperator(Actor actor, ComboBox<OperatorSummary> operator, List<OperatorSummary> visible,
            Runnable onChange, boolean allowAll) {
        var filters = new Div();
        filters.addClassName("report-filters");
        if (actor.operator().isPresent()) {
            var badge = new Span("Operator " + actor.operator().get().code());
            badge.addClassName("scope-badge");
            filters.add(badge);
        } else {
            operator.setLabel("Operator");
            operator.setItems(visible);
            operator.setItemLabelGenerator(OperatorSummary::name);
            operator.setClearButtonVisible(allowAll);
            if (allowAll) {
                operator.setPlaceholder("All operators");
            }
            operator.addClassName("operator-choice");
            operator.addValueChangeListener(e -> {
                if (e.getValue() == null && !allowAll && e.getOldValue() != null) {
                    operator.setValue(e.getOldValue()); // one operator must stay chosen
                    return;
                }
                onChange.run();
            });
            filters.add(operator);
        }
        return filters;
    }
}
