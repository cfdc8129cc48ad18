package com.devicecreds.portal.deviceca;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.change.ChangeRefusedException;
import org.springframework.stereotype.Component;

/**
 * Fetches a CRL from its distribution point: plain http or https GET, no redirects, limited in time
 * and size. Switched off unless {@code portal.device-cas.crl-fetch.enabled}; what it returns is
 * verified like an upload.
 */
@Component
class CrlFetcher {

    private final PortalProperties.CrlFetch settings;

    CrlFetcher(PortalProperties properties) {
        this.settings = properties.deviceCas().crlFetch();
    }

    boolean enabled() {
        return settings.enabled();
    }

    byte[] fetch(String url) {
        if (!settings.enabled()) {
            throw new ChangeRefusedException("Fetching revocation lists is switched off here (portal.device-cas.crl-fetch.enabled); "
                    + "upload the CRL instead.");
        }
        URI uri = URI.create(url);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ChangeRefusedException("Only http:// and https:// distribution points are fetched, not '" + url + "'.");
        }
        try (var client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build()) {
            var request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ChangeRefusedException(url + " answered HTTP " + response.statusCode() + ".");
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxBytes() + 1));
                if (bytes.length > settings.maxBytes()) {
                    throw new ChangeRefusedException(url + " sent more than " + settings.maxBytes() + " bytes: not taken as a CRL.");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new ChangeRefusedException("Could not fetch " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChangeRefusedException("Fetching " + url + " was interrupted.");
        }
    }
}
