package com.devicecreds.portal.deviceca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Fetching CRLs from a distribution point served by a local HTTP server: limits, refusals, the switch. */
class CrlFetcherTest {

    private final byte[] crl = com.devicecreds.inventory.loading.sample.SampleCa
            .root("Fetch Maker", "Fetch Root", CaWorld.NOW.minusSeconds(60), CaWorld.NOW.plus(Duration.ofDays(30)), Optional.empty())
            .crl(CaWorld.NOW, Optional.of(CaWorld.NOW.plus(Duration.ofDays(1))), List.of(BigInteger.ONE));
    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws java.io.IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ca.crl", exchange -> {
            exchange.sendResponseHeaders(200, crl.length);
            exchange.getResponseBody().write(crl);
            exchange.close();
        });
        server.createContext("/huge.crl", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(new byte[5000]);
            exchange.close();
        });
        server.createContext("/moved.crl", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/ca.crl");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow.crl", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, crl.length);
            exchange.getResponseBody().write(crl);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_crl_is_fetched_over_http_within_the_limits() {
        assertThat(fetcher(true).fetch(base + "/ca.crl")).isEqualTo(crl);
    }

    @Test
    void fetching_is_refused_when_switched_off_too_large_too_slow_redirected_missing_or_not_http() {
        assertThatThrownBy(() -> fetcher(false).fetch(base + "/ca.crl")).isInstanceOf(ChangeRefusedException.class)
                .hasMessageContaining("switched off");
        var on = fetcher(true);
        assertThatThrownBy(() -> on.fetch(base + "/huge.crl")).hasMessageContaining("sent more than 1000 bytes");
        assertThatThrownBy(() -> on.fetch(base + "/moved.crl")).hasMessageContaining("answered HTTP 302");
        assertThatThrownBy(() -> on.fetch(base + "/missing.crl")).hasMessageContaining("answered HTTP 404");
        assertThatThrownBy(() -> on.fetch(base + "/slow.crl")).hasMessageContaining("Could not fetch");
        assertThatThrownBy(() -> on.fetch("file:///etc/passwd")).hasMessageContaining("Only http:// and https://");
    }

    static CrlFetcher fetcher(boolean enabled) {
        var source = new MapConfigurationPropertySource(Map.of("portal.device-cas.crl-fetch.enabled", Boolean.toString(enabled),
                "portal.device-cas.crl-fetch.max-bytes", "1000", "portal.device-cas.crl-fetch.timeout", "1s"));
        return new CrlFetcher(new Binder(source).bindOrCreate("portal", PortalProperties.class));
    }
}
