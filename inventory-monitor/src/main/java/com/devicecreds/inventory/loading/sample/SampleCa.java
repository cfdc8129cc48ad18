package com.devicecreds.inventory.loading.sample;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A device certificate authority as a device maker runs one: a root, sub-CAs it issues, device
 * certificates (not CAs) and certificate revocation lists, all made with the JDK and {@link Der}.
 * The demo world trusts such a chain and tests build every kind of good and bad input with it.
 *
 * @param name        the common name of the CA
 * @param key         the CA's private key (P-256)
 * @param certificate the CA's certificate
 */
public record SampleCa(String name, PrivateKey key, X509Certificate certificate) {

    private static final String CN = "2.5.4.3";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String CRL_DISTRIBUTION_POINTS = "2.5.29.31";
    private static final byte[] ECDSA_SHA256 = Der.sequence(Der.oid("1.2.840.10045.4.3.2"));

    /** A self-signed root CA; {@code crlUrl} becomes its cRLDistributionPoints extension when present. */
    public static SampleCa root(String organization, String name, Instant notBefore, Instant notAfter,
            Optional<String> crlUrl) {
        KeyPair keys = Facility.newKeyPair();
        byte[] subject = name(organization, name);
        var cert = Facility.certify(subject, keys.getPublic().getEncoded(), subject, keys.getPrivate(), notBefore, notAfter,
                true, distributionPoint(crlUrl));
        return new SampleCa(name, keys.getPrivate(), cert);
    }

    /** A CA certified by this one. */
    public SampleCa subCa(String name, Instant notBefore, Instant notAfter, Optional<String> crlUrl) {
        KeyPair keys = Facility.newKeyPair();
        var cert = Facility.certify(name(organization(), name), keys.getPublic().getEncoded(), issuerName(), key, notBefore,
                notAfter, true, distributionPoint(crlUrl));
        return new SampleCa(name, keys.getPrivate(), cert);
    }

    /** A device certificate issued by this CA: basicConstraints says it is no CA. */
    public X509Certificate device(String name, Instant notBefore, Instant notAfter) {
        KeyPair keys = Facility.newKeyPair();
        return Facility.certify(name(organization(), name), keys.getPublic().getEncoded(), issuerName(), key, notBefore,
                notAfter, false);
    }

    /** A version 2 CRL (RFC 5280 5.1) signed by this CA, DER encoded; {@code nextUpdate} is optional. */
    public byte[] crl(Instant thisUpdate, Optional<Instant> nextUpdate, List<BigInteger> revoked) {
        byte[][] entries = revoked.stream()
                .map(serial -> Der.sequence(Der.integer(serial), Der.time(thisUpdate)))
                .toArray(byte[][]::new);
        byte[] tbs = Der.sequence(
                Der.integer(BigInteger.ONE),
                ECDSA_SHA256,
                issuerName(),
                Der.time(thisUpdate),
                nextUpdate.map(Der::time).orElse(new byte[0]),
                entries.length == 0 ? new byte[0] : Der.sequence(entries));
        try {
            var signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(tbs);
            return Der.sequence(tbs, ECDSA_SHA256, Der.bits(signer.sign(), 0));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a revocation list", e);
        }
    }

    private byte[] issuerName() {
        return certificate.getSubjectX500Principal().getEncoded();
    }

    private String organization() {
        String dn = certificate.getSubjectX500Principal().getName();
        int at = dn.indexOf("O=");
        return at < 0 ? name : dn.substring(at + 2).split(",")[0];
    }

    private static byte[] distributionPoint(Optional<String> crlUrl) {
        // CRLDistributionPoints ::= SEQUENCE OF DistributionPoint { [0] DistributionPointName { [0] fullName GeneralNames } }
        return crlUrl.map(url -> Der.sequence(Der.oid(CRL_DISTRIBUTION_POINTS),
                        Der.octets(Der.sequence(Der.sequence(Der.explicit(0, Der.explicit(0, Der.uri(url))))))))
                .orElse(new byte[0]);
    }

    private static byte[] name(String organization, String commonName) {
        return Der.sequence(
                Der.set(Der.sequence(Der.oid(ORGANIZATION), Der.utf8(organization))),
                Der.set(Der.sequence(Der.oid(CN), Der.utf8(commonName))));
    }
}
