package com.devicecreds.portal.deviceca;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.devicecreds.portal.change.ChangeRefusedException;

/** Reading certificates and CRLs as administrators give them: PEM (one or several blocks) or DER. */
final class CaCertificates {

    private static final String CRL_DISTRIBUTION_POINTS = "2.5.29.31";
    private static final int KEY_CERT_SIGN = 5;

    private CaCertificates() {
    }

    /** Every certificate in the bytes, in order; refused with a message when there is none or the bytes are no certificate. */
    static List<X509Certificate> parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
            throw new ChangeRefusedException("Give a certificate: PEM text (one or more -----BEGIN CERTIFICATE----- blocks) or a DER file.");
        }
        var certificates = new ArrayList<X509Certificate>();
        try {
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) cert);
            }
        } catch (CertificateException | RuntimeException e) {
            throw new ChangeRefusedException("This is not a readable X.509 certificate (PEM or DER): " + reason(e));
        }
        if (certificates.isEmpty()) {
            throw new ChangeRefusedException("No certificate found: give PEM text with -----BEGIN CERTIFICATE----- blocks or a DER file.");
        }
        return certificates;
    }

    static X509CRL parseCrl(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ChangeRefusedException("Give a revocation list: PEM (-----BEGIN X509 CRL-----) or DER.");
        }
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
        } catch (CRLException | CertificateException | RuntimeException e) {
            throw new ChangeRefusedException("This is not a readable X.509 revocation list (PEM or DER): " + reason(e));
        }
    }

    /** Null when the certificate may sign certificates, else why not. */
    static Optional<String> notACa(X509Certificate certificate) {
        if (certificate.getBasicConstraints() < 0) {
            return Optional.of("its basic constraints say it is no CA (a device or server certificate?)");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN])) {
            return Optional.of("its key usage does not allow signing certificates (keyCertSign)");
        }
        return Optional.empty();
    }

    static boolean selfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    static boolean signedBy(X509Certificate certificate, PublicKey key) {
        try {
            certificate.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static String keyAlgorithm(PublicKey key) {
        return key.getAlgorithm();
    }

    static int keySize(PublicKey key) {
        return switch (key) {
            case RSAKey rsa -> rsa.getModulus().bitLength();
            case ECKey ec -> ec.getParams().getOrder().bitLength();
            case EdECKey ed -> ed.getParams().getName().equalsIgnoreCase("Ed448") ? 448 : 255;
            case DSAKey dsa -> dsa.getParams().getP().bitLength();
            default -> key.getEncoded().length * 8;
        };
    }

    /** The http(s) addresses in the certificate's cRLDistributionPoints extension, in order. */
    static List<String> crlUrls(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(CRL_DISTRIBUTION_POINTS);
        var urls = new ArrayList<String>();
        if (extension != null) {
            collectUris(extension, 0, extension.length, urls, 0);
        }
        return urls.stream().filter(u -> u.startsWith("http://") || u.startsWith("https://")).toList();
    }

    /** Walks DER TLVs and collects every GeneralName uniformResourceIdentifier ([6], tag 0x86). */
    private static void collectUris(byte[] der, int from, int to, List<String> urls, int depth) {
        int at = from;
        while (at + 2 <= to && depth < 12) {
            int tag = der[at] & 0xFF;
            int length = der[at + 1] & 0xFF;
            int header = 2;
            if (length >= 0x80) {
                int bytes = length & 0x7F;
                if (bytes == 0 || bytes > 3 || at + 2 + bytes > to) {
                    return;
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[at + 2 + i] & 0xFF);
                }
                header += bytes;
            }
            int start = at + header;
            int end = start + length;
            if (end > to) {
                return;
            }
            if (tag == 0x86) {
                urls.add(new String(der, start, length, StandardCharsets.US_ASCII));
            } else if ((tag & 0x20) != 0 || tag == 0x04) {
                // constructed, or the OCTET STRING that wraps the extension's value
                collectUris(der, start, end, urls, depth + 1);
            }
            at = end;
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
