package com.devicecreds.portal.live;

import java.util.LinkedHashMap;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;

/**
 * The one owner of a page's poll interval. Components that show live figures ask for the interval
 * they need while they are attached; the page polls at the shortest interval asked for, and stops
 * polling when nobody asks. So the bell's slow poll and a view's fast one never undo each other,
 * whatever order they attach and detach in.
 */
public final class Polling {

    private Polling() {
    }

    /** Runs {@code onPoll} at least every {@code intervalMillis} while {@code component} is attached. */
    public static void whileAttached(Component component, int intervalMillis, Runnable onPoll) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("interval must be positive, was " + intervalMillis);
        }
        component.addAttachListener(attach -> requests(attach.getUI()).start(component, intervalMillis, onPoll));
        component.addDetachListener(detach -> requests(detach.getUI()).stop(component));
        component.getUI().ifPresent(ui -> requests(ui).start(component, intervalMillis, onPoll));
    }

    private static Requests requests(UI ui) {
        Requests requests = ComponentUtil.getData(ui, Requests.class);
        if (requests == null) {
            requests = new Requests(ui);
            ComponentUtil.setData(ui, Requests.class, requests);
        }
        return requests;
    }

    private static final class Requests {

        private record Request(int intervalMillis, Registration listener) {
        }

        private final UI ui;
        private final Map<Component, Request> byComponent = new LinkedHashMap<>();

        Requests(UI ui) {
            this.ui = ui;
        }

        void start(Component component, int intervalMillis, Runnable onPoll) {
            if (byComponent.containsKey(component)) {
                return;
            }
            byComponent.put(component, new Request(intervalMillis, ui.addPollListener(poll -> onPoll.run())));
            ui.setPollInterval(interval());
        }

        void stop(Component component) {
            Request request = byComponent.remove(component);
            if (request != null) {
                request.listener().remove();
                ui.setPollInterval(interval());
            }
        }

        int interval() {
            return byComponent.values().stream().mapToInt(Request::intervalMillis).min().orElse(-1);
        }
    }
}
