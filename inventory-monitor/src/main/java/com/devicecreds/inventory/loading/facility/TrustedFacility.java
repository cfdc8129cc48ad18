package com.devicecreds.inventory.loading.facility;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;

import com.devicecreds.inventory.loading.format.Pem;

/** A facility certificate an administrator trusted for signing credential packages. */
public record TrustedFacility(long id, String fingerprint, String subject, String issuer, Instant notBefore,
        Instant notAfter, String certificatePem, String addedBy, Instant addedAt) {

    public X509Certificate certificate() {
        try {
            return Pem.certificates(certificatePem).getFirst();
        } catch (CertificateException e) {
            throw new IllegalStateException("Stored certificate " + fingerprint + " no longer parses", e);
        }
    }

    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }
}
