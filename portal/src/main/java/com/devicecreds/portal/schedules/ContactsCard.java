package com.devicecreds.portal.schedules;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.reporting.contacts.ContactChange;
import com.devicecreds.reporting.contacts.OperatorContact;
import com.devicecreds.reporting.contacts.OperatorContactService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;

/** The operator's e-mail contacts: add (a bad address keeps the form as typed) and remove. */
class ContactsCard extends Div {

    private final OperatorRef operator;
    private final OperatorContactService contacts;
    private final Runnable changed;
    private final Grid<OperatorContact> grid = new Grid<>();
    private final Div problem = new Div();

    ContactsCard(OperatorRef operator, OperatorContactService contacts, Runnable changed) {
        this.operator = operator;
        this.contacts = contacts;
        this.changed = changed;
        addClassNames("card", "contacts-card");
        var name = new TextField("Name");
        name.addClassName("contact-name");
        var email = new TextField("E-mail");
        email.addClassName("contact-email");
        var add = new Button("Add contact", VaadinIcon.PLUS.create(), e -> {
            switch (contacts.add(operator, name.getValue(), email.getValue())) {
                case ContactChange.Added added -> {
                    name.clear();
                    email.clear();
                    problem.setVisible(false);
                    refresh();
                    changed.run();
                }
                case ContactChange.Refused refused -> {
                    problem.setText(refused.message());
                    problem.setVisible(true);
                }
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClassName("add-contact");
        var form = new Div(name, email, add);
        form.addClassName("contact-form");
        problem.addClassNames("form-problems", "contact-problem");
        problem.setVisible(false);

        grid.addClassName("contacts");
        grid.addColumn(OperatorContact::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(OperatorContact::email).setHeader("E-mail").setFlexGrow(3);
        grid.addComponentColumn(c -> {
            var goAhead = new Checkbox("Go-ahead", c.goAhead());
            goAhead.addClassName("contact-go-ahead");
            goAhead.setTooltipText("Receives the go-ahead e-mail of this operator's rollouts");
            goAhead.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    contacts.receiveGoAhead(c.id(), e.getValue());
                    refresh();
                }
            });
            return goAhead;
        }).setHeader("Rollouts").setWidth("150px").setFlexGrow(0);
        grid.addColumn(OperatorContact::createdBy).setHeader("Added by").setFlexGrow(1);
        grid.addComponentColumn(c -> {
            var remove = new Button(VaadinIcon.TRASH.create(), e -> {
                contacts.remove(c.id());
                refresh();
                changed.run();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove " + c.email());
            remove.setTooltipText("Remove, also from this operator's schedules");
            return remove;
        }).setWidth("80px").setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No contacts yet: add the people who should receive this operator's reports.");
        grid.setAllRowsVisible(true);
        add(new H3("Contacts of " + operator.code()), form, problem, grid);
        refresh();
    }

    private void refresh() {
        // A handful of people per operator, so the list is loaded whole.
        grid.setItems(contacts.contacts(operator));
    }
}
