package com.devicecreds.portal.deviceca;

import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.inventory.loading.format.Pem;
import com.devicecreds.portal.change.ChangeProposal;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.change.ConfigChangeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The device CA certificates the provisioning service trusts per (operator, credential type), and
 * their revocation lists (decision 020). Adding and removing CAs go through dual control
 * ({@link ConfigChangeService}); revocation lists and hand-set distribution points are audited but
 * take effect at once. Operator staff read their own operator's pairs.
 */
@Service
public class DeviceCaService {

    static final String ADD = "device-ca-add";
    static final String REMOVE = "device-ca-remove";

    private final DeviceCaRows rows;
    private final ConfigChangeService changes;
    private final DeviceCaChanges handler;
    private final CrlFetcher fetcher;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;
    private final Clock clock;
    private final TransactionTemplate transaction;

    DeviceCaService(DeviceCaRows rows, ConfigChangeService changes, DeviceCaChanges handler, CrlFetcher fetcher, CurrentActor currentActor,
            AuditLog auditLog, Clock clock, PlatformTransactionManager transactions) {
        this.rows = rows;
        this.changes = changes;
        this.handler = handler;
        this.fetcher = fetcher;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The (operator, credential type) pairs the caller may see: every type authorization of their operators. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<CaPair> pairs() {
        return rows.pairs(currentActor.scope());
    }

    /** The CAs trusted for the pair now, roots first; empty for a pair outside the caller's scope. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<DeviceCa> trusted(OperatorRef operator, int credentialTypeId) {
        return rows.trusted(currentActor.scope(), operator.id(), credentialTypeId);
    }

    /** Every change request of the pair, newest first: its version history. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<ChangeRequest> history(OperatorRef operator, int credentialTypeId) {
        return rows.pair(currentActor.scope(), operator.id(), credentialTypeId)
                .map(pair -> changes.history(pair.target())).orElse(List.of());
    }

    /**
     * Proposes trusting the certificates (PEM, one or more blocks, or DER) for the pair. Everything is
     * checked now ({@link ChainCheck}); they are trusted when someone else approves. Refused, audited
     * as a failed request, with every problem in the message.
     */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public ChangeRequest requestAdd(OperatorRef operator, int credentialTypeId, byte[] certificates) {
        Actor actor = currentActor.actor();
        var pair = rows.pair(actor.scope(), operator.id(), credentialTypeId);
        String target = pair.map(CaPair::target).orElse("operator/" + operator.code() + "/type/" + credentialTypeId + "/device-cas");
        try {
            if (pair.isEmpty()) {
                throw new ChangeRefusedException("Operator " + operator.code() + " is not authorized for that credential type.");
            }
            handler.refuseRevoked(pair.get());
            var upload = CaCertificates.parse(certificates);
            var placements = handler.check(pair.get(), upload, actor.scope(), true);
            var fingerprints = upload.stream().map(Pem::fingerprint).collect(Collectors.joining(","));
            var pem = upload.stream().map(Pem::encode).collect(Collectors.joining());
            String summary = "Trust " + placements.stream()
                    .map(p -> ChainCheck.name(p.certificate()) + (p.root() ? " (root)" : " (sub-CA)"))
                    .collect(Collectors.joining(", "));
            return changes.request(new ChangeProposal(ADD, Optional.of(pair.get().operator()), target, summary,
                    Map.of("operator", Short.toString(operator.id()), "credentialType", Integer.toString(credentialTypeId),
                            "certificates", pem, "fingerprints", fingerprints)));
        } catch (ChangeRefusedException e) {
            auditLog.record(AuditRecord.of(actor, AuditAction.CONFIG_CHANGE_REQUESTED, AuditOutcome.FAILED, target)
                    .withDetail("kind", ADD).withDetail("reason", e.getMessage()));
            throw e;
        }
    }

    /** Proposes no longer trusting a CA; refused while sub-CAs it issued are trusted. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public ChangeRequest requestRemoval(long deviceCaId, String reason) {
        Actor actor = currentActor.actor();
        try {
            var ca = rows.find(actor.scope(), deviceCaId)
                    .orElseThrow(() -> new ChangeRefusedException("There is no trusted device CA " + deviceCaId + "."));
            if (rows.trustedChildren(ca.id()) > 0) {
                throw new ChangeRefusedException("'" + ca.subject() + "' issued sub-CAs that are still trusted: remove them first.");
            }
            String why = reason == null ? "" : reason.strip();
            var pair = rows.pair(actor.scope(), ca.operator().id(), ca.credentialTypeId()).orElseThrow();
            return changes.request(new ChangeProposal(REMOVE, Optional.of(ca.operator()), pair.target(),
                    "Remove '" + ca.subject() + "'" + (why.isEmpty() ? "" : ": " + why),
                    Map.of("deviceCa", Long.toString(ca.id()), "fingerprint", ca.fingerprint())));
        } catch (ChangeRefusedException e) {
            auditLog.record(AuditRecord.of(actor, AuditAction.CONFIG_CHANGE_REQUESTED, AuditOutcome.FAILED, "device-ca:" + deviceCaId)
                    .withDetail("kind", REMOVE).withDetail("reason", e.getMessage()));
            throw e;
        }
    }

    /**
     * Sets, or clears with a blank value, the CRL distribution point of a CA whose certificate names
     * none. Audited; not under dual control (decision 020): a CRL from it is verified with the CA's key.
     */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public DeviceCa setCrlUrl(long deviceCaId, String url) {
        Actor actor = currentActor.actor();
        var record = AuditRecord.of(actor, AuditAction.DEVICE_CA_CRL_URL_SET, AuditOutcome.SUCCESS, "device-ca:" + deviceCaId);
        try {
            var ca = rows.find(actor.scope(), deviceCaId)
                    .orElseThrow(() -> new ChangeRefusedException("There is no trusted device CA " + deviceCaId + "."));
            if (ca.crlUrlSource().filter("certificate"::equals).isPresent()) {
                throw new ChangeRefusedException("The certificate names its own distribution point (" + ca.crlUrl().orElseThrow()
                        + "); it cannot be replaced by hand.");
            }
            Optional<String> value = Optional.ofNullable(url).map(String::strip).filter(u -> !u.isEmpty());
            value.ifPresent(DeviceCaService::checkUrl);
            rows.setCrlUrl(deviceCaId, value);
            auditLog.record(record.withDetail("url", value.orElse("")).withDetail("previous", ca.crlUrl().orElse(""))
                    .withDetail("subject", ca.subject()));
            return rows.find(actor.scope(), deviceCaId).orElseThrow();
        } catch (ChangeRefusedException e) {
            auditLog.record(new AuditRecord(actor, record.action(), AuditOutcome.FAILED, record.target(), record.details())
                    .withDetail("reason", e.getMessage()));
            throw e;
        }
    }

    /** Stores a CRL (PEM or DER) for the CA: its issuer must be the CA and its signature verify with the CA's key. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    public CrlFacts uploadCrl(long deviceCaId, byte[] crl) {
        return loadCrl(deviceCaId, "upload", ca -> crl);
    }

    /** Fetches the CA's CRL from its http(s) distribution point (when fetching is switched on) and stores it as an upload would be. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    public CrlFacts fetchCrl(long deviceCaId) {
        return loadCrl(deviceCaId, "fetch", ca -> fetcher.fetch(ca.crlUrl()
                .orElseThrow(() -> new ChangeRefusedException("This CA has no CRL distribution point: set one first."))));
    }

    private CrlFacts loadCrl(long deviceCaId, String source, java.util.function.Function<DeviceCa, byte[]> bytes) {
        Actor actor = currentActor.actor();
        var record = AuditRecord.of(actor, AuditAction.DEVICE_CA_CRL_LOADED, AuditOutcome.SUCCESS, "device-ca:" + deviceCaId)
                .withDetail("source", source);
        try {
            var ca = rows.find(actor.scope(), deviceCaId)
                    .orElseThrow(() -> new ChangeRefusedException("There is no trusted device CA " + deviceCaId + "."));
            byte[] der = bytes.apply(ca); // a fetch happens here, outside any transaction
            X509CRL crl = CaCertificates.parseCrl(der);
            X509Certificate certificate = rows.certificate(ca.id());
            if (!crl.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
                throw new ChangeRefusedException("This revocation list was issued by " + crl.getIssuerX500Principal().getName()
                        + ", not by '" + ca.subject() + "'.");
            }
            try {
                crl.verify(certificate.getPublicKey());
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                throw new ChangeRefusedException("The revocation list's signature does not verify with the key of '" + ca.subject() + "'.");
            }
            var facts = new CrlFacts(crl.getThisUpdate().toInstant(),
                    Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant),
                    crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(), source, actor.username(),
                    clock.instant());
            if (ca.crl().filter(current -> facts.thisUpdate().isBefore(current.thisUpdate())).isPresent()) {
                throw new ChangeRefusedException("This revocation list (issued " + facts.thisUpdate() + ") is older than the one "
                        + "stored (issued " + ca.crl().orElseThrow().thisUpdate() + ").");
            }
            byte[] encoded = encoded(crl);
            transaction.executeWithoutResult(status -> rows.storeCrl(ca, encoded, facts));
            auditLog.record(record.withDetail("subject", ca.subject()).withDetail("thisUpdate", facts.thisUpdate())
                    .withDetail("nextUpdate", facts.nextUpdate().map(Object::toString).orElse(""))
                    .withDetail("revoked", facts.revokedCount()));
            return facts;
        } catch (ChangeRefusedException e) {
            auditLog.record(new AuditRecord(actor, record.action(), AuditOutcome.FAILED, record.target(), record.details())
                    .withDetail("reason", e.getMessage()));
            throw e;
        }
    }

    private static byte[] encoded(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ChangeRefusedException("'" + url + "' is not an address.");
        }
        if (url.length() > 2000 || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new ChangeRefusedException("Give an http:// or https:// address of the CRL, not '" + url + "'.");
        }
    }
}
