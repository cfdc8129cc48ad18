package com.devicecreds.portal.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jfree.chart.ChartFactory;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** A chart becomes a well-formed SVG of its size, whatever its data's text holds. */
class ChartImageTest {

    private static Document parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The SVG names its DTD; nothing is fetched or expanded from it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_chart_is_an_svg_of_its_css_size_whose_labels_are_text() throws Exception {
        var data = new DefaultCategoryDataset();
        data.addValue(1200, "Delivered", "OPA-TV");
        data.addValue(300, "Delivered", "OPB-SETTOP");
        var chart = ChartFactory.createBarChart(null, null, "Credentials", data);

        String svg = ChartImage.svg(chart, 800, 300);

        var root = parse(svg).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("width")).isEqualTo("800");
        assertThat(root.getAttribute("height")).isEqualTo("300");
        assertThat(svg).contains(">OPA-TV<").contains(">OPB-SETTOP<");
        assertThat(svg.length()).as("a small document, not a raster").isLessThan(60_000);
    }

    @Test
    void markup_in_the_data_stays_text() throws Exception {
        var data = new DefaultCategoryDataset();
        data.addValue(1, "Delivered", "<script>alert(1)</script> & \"x\"");
        var chart = ChartFactory.createBarChart(null, null, "Credentials", data);

        var document = parse(ChartImage.svg(chart, 400, 200));

        assertThat(document.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(document.getDocumentElement().getTextContent()).contains("<script>alert(1)</script>");
    }
}
