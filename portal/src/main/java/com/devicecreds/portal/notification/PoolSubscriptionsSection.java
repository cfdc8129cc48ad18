package com.devicecreds.portal.notification;

import com.devicecreds.portal.notification.PoolSubscriptionService.Pool;
import com.devicecreds.portal.notification.PoolSubscriptionService.Subscription;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.EmailField;

/** PKI operations' list of per-pool e-mail subscribers, with adding and removing. */
class PoolSubscriptionsSection extends Div {

    private final PoolSubscriptionService subscriptions;
    private final Grid<Subscription> grid = new Grid<>();

    PoolSubscriptionsSection(PoolSubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
        addClassName("pool-subscriptions");

        var pool = new ComboBox<Pool>("Pool");
        pool.setItems(subscriptions.pools());
        pool.setItemLabelGenerator(Pool::name);
        pool.addClassName("subscription-pool");
        var email = new EmailField("E-mail");
        email.addClassName("subscription-email");
        var add = new Button("Subscribe", e -> {
            if (pool.isEmpty() || email.isEmpty() || email.isInvalid()) {
                Notification.show("Choose a pool and enter an e-mail address.");
                return;
            }
            subscriptions.subscribe(pool.getValue().id(), email.getValue());
            email.clear();
            refresh();
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClassName("subscribe");
        var form = new Div(pool, email, add);
        form.addClassName("subscription-form");

        grid.addClassName("subscriptions");
        grid.addColumn(s -> s.pool().name()).setHeader("Pool").setFlexGrow(2);
        grid.addColumn(Subscription::email).setHeader("E-mail").setFlexGrow(2);
        grid.addColumn(Subscription::createdBy).setHeader("Added by").setFlexGrow(1);
        grid.addComponentColumn(s -> {
            var remove = new Button(VaadinIcon.TRASH.create(), e -> {
                subscriptions.unsubscribe(s.pool().id(), s.email());
                refresh();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove " + s.email());
            return remove;
        }).setWidth("80px").setFlexGrow(0);
        grid.setEmptyStateText("No subscribers: alerts go to the PKI operations address list only.");
        grid.setHeight("200px");

        var header = new Div(new H2("E-mail subscribers per pool"));
        header.addClassName("section-header");
        add(header, form, grid);
        refresh();
    }

    private void refresh() {
        // A short list (a few addresses per pool), so it is loaded whole.
        grid.setItems(subscriptions.subscriptions());
    }
}
