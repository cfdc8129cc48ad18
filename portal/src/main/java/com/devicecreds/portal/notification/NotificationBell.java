package com.devicecreds.portal.notification;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;

/**
 * The navbar's bell: the number of unread notifications for the user's roles, and the way to the
 * notifications page. It recounts on every navigation, on every poll of the page (the dashboard's,
 * or its own slower one when the page does not poll), and when notifications are marked read.
 */
public class NotificationBell extends Button {

    /** Poll interval the bell asks for when the page has none of its own. */
    static final int POLL_MILLIS = 30_000;

    private final NotificationService notifications;
    private final Span badge = new Span();
    private Registration polling;
    private Registration marked;

    public NotificationBell(NotificationService notifications) {
        this.notifications = notifications;
        addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        addClassName("notification-bell");
        setIcon(VaadinIcon.BELL_O.create());
        badge.addClassName("bell-badge");
        getElement().appendChild(badge.getElement());
        setTooltipText("Notifications");
        // By route, not by class: the layout (and so the bell) must not reach the page's services (AccessRulesTest).
        addClickListener(e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("notifications")));
        refresh();
    }

    /** Recounts, and makes sure the page polls (views that poll faster switch polling off when they leave). */
    public void refresh() {
        long unread = notifications.unreadCount();
        badge.setText(unread > 99 ? "99+" : Long.toString(unread));
        badge.setVisible(unread > 0);
        setAriaLabel(unread == 0 ? "Notifications, none unread" : "Notifications, " + unread + " unread");
        getUI().filter(ui -> ui.getPollInterval() <= 0).ifPresent(ui -> ui.setPollInterval(POLL_MILLIS));
    }

    /** The unread count shown, for tests and assistive text. */
    String shownCount() {
        return badge.isVisible() ? badge.getText() : "0";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        polling = ui.addPollListener(poll -> refresh());
        marked = ComponentUtil.addListener(ui, UnreadChanged.class, changed -> refresh());
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        polling.remove();
        marked.remove();
    }
}
