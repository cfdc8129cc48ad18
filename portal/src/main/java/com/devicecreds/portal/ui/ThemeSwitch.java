package com.devicecreds.portal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * Light and dark theme. The choice lives in the browser (localStorage) and is applied to the
 * document element, so it holds across views and sign-ins on that browser.
 */
class ThemeSwitch extends Button {

    private static final String APPLY_STORED = """
            const t = localStorage.getItem('portal-theme') || 'light';
            document.documentElement.setAttribute('theme', t === 'dark' ? 'dark' : '');
            return t;""";
    private static final String TOGGLE = """
            const t = (localStorage.getItem('portal-theme') || 'light') === 'dark' ? 'light' : 'dark';
            localStorage.setItem('portal-theme', t);
            document.documentElement.setAttribute('theme', t === 'dark' ? 'dark' : '');
            return t;""";

    ThemeSwitch() {
        addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        addClassName("theme-switch");
        setAriaLabel("Switch light or dark theme");
        setTooltipText("Light or dark theme");
        addClickListener(e -> getElement().executeJs(TOGGLE).then(String.class, this::show));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        getElement().executeJs(APPLY_STORED).then(String.class, this::show);
    }

    private void show(String theme) {
        setIcon("dark".equals(theme) ? VaadinIcon.SUN_O.create() : VaadinIcon.MOON_O.create());
    }
}
