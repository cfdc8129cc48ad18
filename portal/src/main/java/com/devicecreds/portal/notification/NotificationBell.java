package com.devicecreds.portal.notification;

import com.devicecreds.portal.live.Polling;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;

/**
 * The navbar's bell: the number of unread notifications for the user's roles, and the way to the
 * notifications page. It recounts on every navigation, on every poll of the page (at least every
 * 30 s, faster while a live view asks for it), and when notifications are marked read.
 */
public class NotificationBell extends Button {

    /** The poll interval the bell asks for; live views may ask for a shorter one. */
    static final int POLL_MILLIS = 30_000;

    private final NotificationService notifications;
    private final Span badge = new Span();
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
        Polling.whileAttached(this, POLL_MILLIS, this::refresh);
    }

    /** Recounts the unread notifications. */
    public void refresh() {
        long unread = notifications.unreadCount();
        badge.setText(unread > 99 ? "99+" : Long.toString(unread));
        badge.setVisible(unread > 0);
        setAriaLabel(unread == 0 ? "Notifications, none unread" : "Notifications, " + unread + " unread");
    }

    /** The unread count shown, for tests and assistive text. */
    String shownCount() {
        return badge.isVisible() ? badge.getText() : "0";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        marked = ComponentUtil.addListener(event.getUI(), UnreadChanged.class, changed -> refresh());
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        marked.remove();
    }
}
