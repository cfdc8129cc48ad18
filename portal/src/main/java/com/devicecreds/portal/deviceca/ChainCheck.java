package com.devicecreds.portal.deviceca;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.inventory.loading.format.Pem;
import com.devicecreds.portal.change.ChangeRefusedException;

/**
 * The checks a CA upload passes before it may be proposed, and again when it is approved: every
 * certificate is a CA, valid now, not trusted yet (nor proposed twice), and either a root whose
 * signature verifies with its own key or signed by a CA trusted for the pair or in the same upload.
 * Every problem is reported, not only the first.
 */
final class ChainCheck {

    /** One uploaded certificate and where it hangs: a trusted CA's id, another uploaded certificate, or nowhere (a root). */
    record Placement(X509Certificate certificate, Optional<Long> trustedParent, Optional<X509Certificate> uploadedParent) {

        boolean root() {
            return trustedParent.isEmpty() && uploadedParent.isEmpty();
        }
    }

    private ChainCheck() {
    }

    /**
     * The placements in an order that puts every parent before its children.
     *
     * @param trusted the pair's trusted CAs by id
     * @param taken   fingerprints already trusted or proposed for the pair
     */
    static List<Placement> check(List<X509Certificate> upload, Map<Long, X509Certificate> trusted, Set<String> taken,
            Instant now) {
        var problems = new ArrayList<String>();
        var seen = new HashSet<String>();
        for (var cert : upload) {
            String who = name(cert);
            String fingerprint = Pem.fingerprint(cert);
            CaCertificates.notACa(cert).ifPresent(why -> problems.add(who + " is not a CA certificate: " + why + "."));
            if (cert.getNotAfter().toInstant().isBefore(now)) {
                problems.add(who + " expired on " + cert.getNotAfter().toInstant() + ".");
            }
            if (!seen.add(fingerprint)) {
                problems.add(who + " is in this upload twice.");
            } else if (taken.contains(fingerprint)) {
                problems.add(who + " is already trusted for this pair, or proposed in a pending request.");
            }
        }
        var placements = new LinkedHashMap<X509Certificate, Placement>();
        for (var cert : upload) {
            place(cert, upload, trusted).ifPresentOrElse(p -> placements.put(cert, p), () -> problems.add(unplaced(cert, upload, trusted)));
        }
        if (!problems.isEmpty()) {
            throw new ChangeRefusedException(String.join(" ", problems));
        }
        return ordered(placements);
    }

    private static Optional<Placement> place(X509Certificate cert, List<X509Certificate> upload, Map<Long, X509Certificate> trusted) {
        if (CaCertificates.selfIssued(cert) && CaCertificates.signedBy(cert, cert.getPublicKey())) {
            return Optional.of(new Placement(cert, Optional.empty(), Optional.empty()));
        }
        for (var entry : trusted.entrySet()) {
            if (issues(entry.getValue(), cert)) {
                return Optional.of(new Placement(cert, Optional.of(entry.getKey()), Optional.empty()));
            }
        }
        return upload.stream().filter(other -> other != cert && issues(other, cert)).findFirst()
                .map(parent -> new Placement(cert, Optional.empty(), Optional.of(parent)));
    }

    private static boolean issues(X509Certificate issuer, X509Certificate cert) {
        return issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                && CaCertificates.signedBy(cert, issuer.getPublicKey());
    }

    private static String unplaced(X509Certificate cert, List<X509Certificate> upload, Map<Long, X509Certificate> trusted) {
        if (CaCertificates.selfIssued(cert)) {
            return name(cert) + " names itself as issuer, but its signature does not verify with its own key.";
        }
        boolean issuerKnown = trusted.values().stream().anyMatch(t -> t.getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
                || upload.stream().anyMatch(t -> t != cert && t.getSubjectX500Principal().equals(cert.getIssuerX500Principal()));
        return issuerKnown
                ? name(cert) + " names " + cert.getIssuerX500Principal().getName() + " as issuer, but its signature does not "
                        + "verify with that CA's key."
                : name(cert) + " was issued by " + cert.getIssuerX500Principal().getName() + ", which is neither trusted for "
                        + "this pair nor in this upload: add the issuing CA first, or in the same upload.";
    }

    /** Parents first; a cycle among uploaded certificates (no root or trusted CA above them) is refused. */
    private static List<Placement> ordered(Map<X509Certificate, Placement> placements) {
        var ordered = new ArrayList<Placement>();
        var done = new HashSet<X509Certificate>();
        while (ordered.size() < placements.size()) {
            int before = ordered.size();
            for (var placement : placements.values()) {
                if (!done.contains(placement.certificate())
                        && placement.uploadedParent().map(done::contains).orElse(true)) {
                    ordered.add(placement);
                    done.add(placement.certificate());
                }
            }
            if (ordered.size() == before) {
                throw new ChangeRefusedException("These certificates only issue each other: the chain reaches no root and no "
                        + "trusted CA.");
            }
        }
        return ordered;
    }

    static String name(X509Certificate cert) {
        return "'" + cert.getSubjectX500Principal().getName() + "'";
    }
}
