package com.devicecreds.portal.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.sql.Timestamp;

import com.devicecreds.inventory.loading.format.Pem;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo world trusts the demo key generation facility, so that a sample package signed with its
 * key (docs/demo/demo-facility-key.pem, outside the application) validates in the demo. Only the
 * certificate ships with the application; it is trusted only where the demo world is enabled.
 */
final class DemoFacility {

    static final String CERTIFICATE = "/demo/demo-facility.pem";

    private DemoFacility() {
    }

    /** Trusts the demo facility's certificate unless it is trusted already; true when it was added now. */
    static boolean trust(JdbcClient jdbc) {
        try (InputStream in = DemoFacility.class.getResourceAsStream(CERTIFICATE)) {
            var certificate = Pem.certificates(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).getFirst();
            return jdbc.sql("""
                            insert into trusted_facility_certificate (fingerprint_sha256, subject, issuer, not_before, not_after,
                                                                      certificate_pem, added_by)
                            values (?, ?, ?, ?, ?, ?, 'demo world') on conflict (fingerprint_sha256) do nothing""")
                    .params(Pem.fingerprint(certificate), certificate.getSubjectX500Principal().getName(),
                            certificate.getIssuerX500Principal().getName(),
                            Timestamp.from(certificate.getNotBefore().toInstant()),
                            Timestamp.from(certificate.getNotAfter().toInstant()), Pem.encode(certificate))
                    .update() > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException("The demo facility certificate does not parse", e);
        }
    }
}
