package com.devicecreds.inventory.loading.upload.internal;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.devicecreds.inventory.loading.facility.TrustedFacility;
import com.devicecreds.inventory.loading.format.PackageFormat;
import com.devicecreds.inventory.loading.format.Pem;
import com.devicecreds.inventory.loading.upload.ProblemKind;

/**
 * The detached signature over the manifest bytes, and the signer's trust: the signer certificate is
 * a trusted facility certificate itself, or chains (through the certificates the package carries)
 * to one by PKIX rules, every certificate valid now. Revocation is not checked (facilities are few
 * and administrators remove a compromised certificate).
 */
final class SignatureCheck {

    private SignatureCheck() {
    }

    /** The signer's certificate when the signature verified, whatever its trust; problems added. */
    static Optional<X509Certificate> verify(byte[] manifest, Optional<byte[]> signature, Optional<byte[]> signerPem,
            List<TrustedFacility> trusted, Instant now, Problems problems) {
        if (signature.isEmpty() || signerPem.isEmpty()) {
            problems.add(ProblemKind.UNSIGNED, "The package is not signed: it needs " + PackageFormat.SIGNATURE + " and "
                    + PackageFormat.SIGNER + " from the key generation facility.");
            return Optional.empty();
        }
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(new String(signerPem.get(), java.nio.charset.StandardCharsets.US_ASCII));
        } catch (CertificateException e) {
            problems.add(ProblemKind.BAD_SIGNATURE, PackageFormat.SIGNER + " holds no readable X.509 certificate.");
            return Optional.empty();
        }
        X509Certificate signer = chain.getFirst();
        if (!signatureMatches(manifest, signature.get(), signer)) {
            problems.add(ProblemKind.BAD_SIGNATURE, "The signature does not match the manifest: the manifest was changed "
                    + "after signing, or signed with another key than the certificate's (" + describe(signer) + ").");
            return Optional.empty();
        }
        checkTrust(chain, trusted, now, problems);
        return Optional.of(signer);
    }

    private static boolean signatureMatches(byte[] manifest, byte[] signature, X509Certificate signer) {
        try {
            var verifier = Signature.getInstance(PackageFormat.signatureAlgorithm(signer.getPublicKey()));
            verifier.initVerify(signer.getPublicKey());
            verifier.update(manifest);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkTrust(List<X509Certificate> chain, List<TrustedFacility> trusted, Instant now, Problems problems) {
        X509Certificate signer = chain.getFirst();
        Set<String> trustedPrints = trusted.stream().map(TrustedFacility::fingerprint).collect(Collectors.toSet());
        if (trustedPrints.contains(Pem.fingerprint(signer))) {
            checkValidity(signer, now, problems);
            return;
        }
        try {
            var anchors = trusted.stream().map(t -> new TrustAnchor(t.certificate(), null)).collect(Collectors.toSet());
            var path = chain.stream().filter(c -> !trustedPrints.contains(Pem.fingerprint(c))).toList();
            var parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                problems.add(ProblemKind.SIGNER_NOT_VALID, "A certificate of the signer's chain is not valid now ("
                        + describe(signer) + "): " + e.getMessage() + ".");
            } else {
                untrusted(signer, problems);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // No trusted certificate at all (PKIX refuses an empty set of anchors), or an unreadable chain.
            untrusted(signer, problems);
        }
    }

    private static void checkValidity(X509Certificate signer, Instant now, Problems problems) {
        try {
            signer.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            problems.add(ProblemKind.SIGNER_NOT_VALID, "The signer certificate (" + describe(signer) + ") expired on "
                    + signer.getNotAfter().toInstant() + ".");
        } catch (CertificateNotYetValidException e) {
            problems.add(ProblemKind.SIGNER_NOT_VALID, "The signer certificate (" + describe(signer) + ") is not valid before "
                    + signer.getNotBefore().toInstant() + ".");
        }
    }

    private static void untrusted(X509Certificate signer, Problems problems) {
        problems.add(ProblemKind.UNTRUSTED_SIGNER, "The signer (" + describe(signer) + ") is not a trusted key generation "
                + "facility and does not chain to one. Administrators manage the trusted facility certificates.");
    }

    static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + ", SHA-256 " + Pem.fingerprint(certificate).substring(0, 16) + "…";
    }
}
