package com.devicecreds.portal.grid;

import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.ValueProvider;

/**
 * Grid cells drawn in the browser from each row's data (Lit templates), for the badges, markers and
 * bars of the main pages. A component column makes state nodes for every row the browser has asked
 * for (a badge and its text are two, kept in the session while the row is loaded, built again on
 * every refresh); a template is sent once per column and its rows are a few values in the row's
 * data (decision 040). Lit escapes every value, in text and in attributes alike.
 */
public final class GridCells {

    private GridCells() {
    }

    /** A badge: a span with the classes and the text of the row. */
    public static <T> LitRenderer<T> badge(ValueProvider<T, String> classes, ValueProvider<T, String> text) {
        return LitRenderer.<T>of("<span class=\"${item.classes}\">${item.text}</span>")
                .withProperty("classes", classes)
                .withProperty("text", text);
    }

    /** A badge with a title, shown when the pointer rests on it. */
    public static <T> LitRenderer<T> badge(ValueProvider<T, String> classes, ValueProvider<T, String> text,
            ValueProvider<T, String> title) {
        return LitRenderer.<T>of("<span class=\"${item.classes}\" title=\"${item.title}\">${item.text}</span>")
                .withProperty("classes", classes)
                .withProperty("text", text)
                .withProperty("title", title);
    }

    /** A mark without text (a dot), with its title. */
    public static <T> LitRenderer<T> marker(ValueProvider<T, String> classes, ValueProvider<T, String> title) {
        return badge(classes, row -> "", title);
    }

    /**
     * A bar filled to {@code share} (0 to 1) of its width, with the classes of the bar and a title;
     * the fill is the element with class {@code fill} inside it.
     */
    public static <T> LitRenderer<T> fillBar(ValueProvider<T, String> classes, ValueProvider<T, Double> share,
            ValueProvider<T, String> title) {
        return LitRenderer.<T>of("<div class=\"${item.classes}\" title=\"${item.title}\">"
                        + "<div class=\"fill\" style=\"width: ${item.percent}%\"></div></div>")
                .withProperty("classes", classes)
                .withProperty("percent", row -> Math.round(Math.clamp(share.apply(row), 0.0, 1.0) * 1000) / 10.0)
                .withProperty("title", title);
    }

    /** A text above a progress bar ({@code value} from 0 to 1) with its accessible name, in a cell of the given class. */
    public static <T> LitRenderer<T> progress(String cellClass, ValueProvider<T, String> text, ValueProvider<T, Double> value,
            ValueProvider<T, String> label) {
        return LitRenderer.<T>of("<div class=\"" + cellClass + "\"><span>${item.text}</span>"
                        + "<vaadin-progress-bar min=\"0\" max=\"1\" .value=\"${item.value}\" aria-label=\"${item.label}\">"
                        + "</vaadin-progress-bar></div>")
                .withProperty("text", text)
                .withProperty("value", row -> Math.clamp(value.apply(row), 0.0, 1.0))
                .withProperty("label", label);
    }
}
