package com.devicecreds.portal.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A chart is rendered once for equal inputs, again when its data changes, and old images make room. */
class RenderedChartsTest {

    record Point(LocalDate day, long delivered) {
    }

    private final AtomicInteger renders = new AtomicInteger();

    private byte[] render(int size) {
        renders.incrementAndGet();
        return new byte[size];
    }

    private static RenderedCharts.Key key(Object inputs) {
        return new RenderedCharts.Key("usage.png", inputs, 800, 300, 2);
    }

    @Test
    void viewers_with_equal_inputs_share_one_rendering() {
        var charts = new RenderedCharts(1_000_000);
        var mine = List.of(new Point(LocalDate.of(2026, 12, 1), 10), new Point(LocalDate.of(2026, 12, 2), 12));
        var theirs = List.of(new Point(LocalDate.of(2026, 12, 1), 10), new Point(LocalDate.of(2026, 12, 2), 12));

        byte[] first = charts.png(key(mine), () -> render(100));
        byte[] second = charts.png(key(theirs), () -> render(100));

        assertThat(second).isSameAs(first);
        assertThat(renders).hasValue(1);
        assertThat(charts.hits()).isEqualTo(1);
    }

    @Test
    void a_chart_whose_data_changed_is_rendered_anew() {
        var charts = new RenderedCharts(1_000_000);
        charts.png(key(List.of(new Point(LocalDate.of(2026, 12, 2), 12))), () -> render(100));

        charts.png(key(List.of(new Point(LocalDate.of(2026, 12, 2), 13))), () -> render(100));

        assertThat(renders).hasValue(2);
    }

    @Test
    void another_size_or_scale_is_another_image() {
        var charts = new RenderedCharts(1_000_000);
        var inputs = List.of(new Point(LocalDate.of(2026, 12, 2), 12));
        charts.png(new RenderedCharts.Key("usage.png", inputs, 800, 300, 1), () -> render(100));
        charts.png(new RenderedCharts.Key("usage.png", inputs, 800, 300, 2), () -> render(100));

        assertThat(renders).hasValue(2);
    }

    @Test
    void the_least_recently_used_images_go_when_the_bound_is_passed() {
        var charts = new RenderedCharts(250);
        charts.png(key("a"), () -> render(100));
        charts.png(key("b"), () -> render(100));
        charts.png(key("a"), () -> render(100));
        charts.png(key("c"), () -> render(100));

        assertThat(charts.size()).isEqualTo(2);
        charts.png(key("a"), () -> render(100));
        assertThat(renders).as("a was used last, so b went").hasValue(3);
        charts.png(key("b"), () -> render(100));
        assertThat(renders).hasValue(4);
    }
}
