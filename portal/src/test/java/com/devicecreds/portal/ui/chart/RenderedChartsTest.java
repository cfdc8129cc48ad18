package com.devicecreds.portal.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/** A chart is drawn once for equal inputs, again when its data changes, and old charts make room. */
class RenderedChartsTest {

    record Point(LocalDate day, long delivered) {
    }

    private final AtomicInteger draws = new AtomicInteger();

    private String draw(String content) {
        draws.incrementAndGet();
        return "<svg>" + content + "</svg>";
    }

    private static RenderedCharts.Key key(Object inputs) {
        return new RenderedCharts.Key("usage", inputs, 800, 300);
    }

    @Test
    void viewers_with_equal_inputs_share_one_drawing() {
        var charts = new RenderedCharts(1_000_000, 100);
        var mine = List.of(new Point(LocalDate.of(2026, 12, 1), 10), new Point(LocalDate.of(2026, 12, 2), 12));
        var theirs = List.of(new Point(LocalDate.of(2026, 12, 1), 10), new Point(LocalDate.of(2026, 12, 2), 12));

        var first = charts.chart(key(mine), () -> draw("a"));
        var second = charts.chart(key(theirs), () -> draw("a"));

        assertThat(second).isSameAs(first);
        assertThat(draws).hasValue(1);
        assertThat(charts.hits()).isEqualTo(1);
        assertThat(charts.byId(first.id())).containsSame(first);
    }

    @Test
    void a_chart_whose_data_changed_is_drawn_anew_at_another_address() {
        var charts = new RenderedCharts(1_000_000, 100);
        var before = charts.chart(key(List.of(new Point(LocalDate.of(2026, 12, 2), 12))), () -> draw("12"));

        var after = charts.chart(key(List.of(new Point(LocalDate.of(2026, 12, 2), 13))), () -> draw("13"));

        assertThat(draws).hasValue(2);
        assertThat(after.id()).isNotEqualTo(before.id()).matches("[0-9a-f]{32}");
    }

    @Test
    void another_size_is_another_chart() {
        var charts = new RenderedCharts(1_000_000, 100);
        var inputs = List.of(new Point(LocalDate.of(2026, 12, 2), 12));
        charts.chart(new RenderedCharts.Key("usage", inputs, 800, 300), () -> draw("a"));
        charts.chart(new RenderedCharts.Key("usage", inputs, 400, 300), () -> draw("b"));

        assertThat(draws).hasValue(2);
    }

    @Test
    void the_gzipped_form_is_the_same_svg() throws IOException {
        var chart = new RenderedCharts(1_000_000, 100).chart(key("x"), () -> draw("x".repeat(10_000)));

        try (var in = new GZIPInputStream(new ByteArrayInputStream(chart.gzipped()))) {
            assertThat(in.readAllBytes()).isEqualTo(chart.svg());
        }
        assertThat(chart.gzipped().length).isLessThan(chart.svg().length / 10);
    }

    @Test
    void the_least_recently_used_charts_go_when_the_bound_of_bytes_is_passed() {
        long one = RenderedCharts.Rendered.of(draw("a")).size();
        var charts = new RenderedCharts(one * 2 + one / 2, 100);
        var a = charts.chart(key("a"), () -> draw("a"));
        var b = charts.chart(key("b"), () -> draw("b"));
        charts.chart(key("a"), () -> draw("a"));
        charts.chart(key("c"), () -> draw("c"));
        draws.set(0);

        assertThat(charts.size()).isEqualTo(2);
        assertThat(charts.byId(b.id())).as("b went, and its address with it").isEmpty();
        assertThat(charts.byId(a.id())).isPresent();
        charts.chart(key("a"), () -> draw("a"));
        assertThat(draws).as("a was used last, so it stayed").hasValue(0);
        charts.chart(key("b"), () -> draw("b"));
        assertThat(draws).hasValue(1);
    }

    @Test
    void the_number_of_charts_is_bounded_too_since_their_keys_hold_their_data() {
        var charts = new RenderedCharts(1_000_000, 3);
        for (int i = 0; i < 10; i++) {
            int n = i;
            charts.chart(key(List.of(new Point(LocalDate.of(2026, 12, 1).plusDays(n), n))), () -> draw("c" + n));
        }
        assertThat(charts.size()).isEqualTo(3);
    }

    @Test
    void one_svg_drawn_for_two_keys_keeps_its_address_until_both_are_gone() {
        var charts = new RenderedCharts(1_000_000, 2);
        var first = charts.chart(key("one"), () -> draw("same"));
        var second = charts.chart(key("two"), () -> draw("same"));
        assertThat(second.id()).isEqualTo(first.id());

        charts.chart(key("three"), () -> draw("other")); // "one" goes
        assertThat(charts.byId(first.id())).as("still drawn for key two").isPresent();
        charts.chart(key("four"), () -> draw("another")); // "two" goes
        assertThat(charts.byId(first.id())).isEmpty();
        assertThat(charts.bytes()).isEqualTo(RenderedCharts.Rendered.of(draw("other")).size()
                + RenderedCharts.Rendered.of(draw("another")).size());
    }
}
