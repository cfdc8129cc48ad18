package com.devicecreds.portal.ui.chart;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the drawn charts to signed-in people (the portal's security chain guards the path like every
 * page). An address is a digest of the chart's SVG, so it never changes its content: browsers keep
 * a chart for good and ask for it once, and no session keeps anything for it. The address tells
 * nothing that its viewer did not already see; a chart leaves the cache with its keys and then
 * answers 404 (decision 039).
 */
@RestController
public class ChartEndpoint {

    static final String PATH = "charts/";
    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");
    private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();

    /**
     * Lets signed-in people fetch charts: each browser security chain calls this before Vaadin's
     * configurer, which denies every path it does not know.
     */
    public static void signedInOnly(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/" + PATH + "*").authenticated());
    }

    /** The page-relative address of a chart (pages resolve it against the portal's base address). */
    static String address(String id) {
        return PATH + id + ".svg";
    }

    @GetMapping("/" + PATH + "{id:[0-9a-f]{32}}.svg")
    ResponseEntity<byte[]> chart(@PathVariable String id, HttpServletRequest request) {
        return RenderedCharts.SHARED.byId(id).map(chart -> {
            boolean gzip = accepts(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
            var response = ResponseEntity.ok().contentType(SVG).cacheControl(FOREVER)
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                    // An SVG opened on its own is a document: it may style itself and do nothing else.
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                    .header("X-Content-Type-Options", "nosniff");
            if (gzip) {
                response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
            }
            return response.body(gzip ? chart.gzipped() : chart.svg());
        }).orElseGet(() -> ResponseEntity.notFound().build());
    }

    private static boolean accepts(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.strip().split(";");
            if (parts[0].strip().equalsIgnoreCase("gzip")) {
                return parts.length == 1 || !parts[1].strip().replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }
}
