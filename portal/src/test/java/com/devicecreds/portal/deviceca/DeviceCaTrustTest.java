package com.devicecreds.portal.deviceca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.inventory.loading.format.Pem;
import com.devicecreds.inventory.loading.sample.SampleCa;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.change.ConfirmedApproval;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Trusting device CAs with real certificates made in the test: what an upload must be, the chain,
 * dual control (the requester never decides, in the service nor in the database), removal, history.
 */
@PortalTest
class DeviceCaTrustTest {

    static final String ANNA = "pki.anna";
    static final String BEN = "pki.ben";

    @Autowired
    DeviceCaService cas;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    JdbcClient jdbc;

    @Test
    @RecordsAudit({AuditAction.CONFIG_CHANGE_REQUESTED, AuditAction.CONFIG_CHANGE_APPROVED})
    void a_root_and_its_sub_ca_are_trusted_only_when_someone_other_than_the_requester_approves() {
        var world = new CaWorld(jdbc);
        ChangeRequest request;
        try (var anna = as(ANNA)) {
            request = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.sub.certificate(), world.root.certificate()));
            assertThat(request.pending()).isTrue();
            assertThat(request.summary()).isEqualTo("Trust 'CN=Root " + world.run + ",O=Device Maker " + world.run + "' (root), 'CN=Sub "
                    + world.run + ",O=Device Maker " + world.run + "' (sub-CA)");
            assertThat(cas.trusted(world.operator, world.type)).isEmpty();
            assertThatThrownBy(() -> ConfirmedApproval.approve(changes, stepUp, request.id())).isInstanceOf(ChangeRefusedException.class)
                    .hasMessageContaining("You requested this change; someone else must decide on it.");
        }
        // An administrator who is also the requester is refused just the same.
        try (var annaAsAdmin = com.devicecreds.portal.security.SignedIn.as(
                com.devicecreds.portal.security.SignedIn.user(ANNA, Optional.empty(), Roles.ADMIN, Roles.PKI_OPS))) {
            assertThatThrownBy(() -> ConfirmedApproval.approve(changes, stepUp, request.id())).isInstanceOf(ChangeRefusedException.class);
        }
        try (var ben = as(BEN)) {
            var applied = ConfirmedApproval.approve(changes, stepUp, request.id());
            assertThat(applied.state()).isEqualTo(ChangeRequest.State.APPLIED);
            assertThat(applied.decidedBy()).contains(BEN);
            var trusted = cas.trusted(world.operator, world.type);
            assertThat(trusted).hasSize(2);
            var root = trusted.getFirst();
            var sub = trusted.get(1);
            assertThat(root.root()).isTrue();
            assertThat(root.subject()).isEqualTo("CN=Root " + world.run + ",O=Device Maker " + world.run);
            assertThat(root.fingerprint()).isEqualTo(Pem.fingerprint(world.root.certificate()));
            assertThat(root.serialHex()).isEqualTo(world.root.certificate().getSerialNumber().toString(16));
            assertThat(root.key()).isEqualTo("EC 256");
            assertThat(root.crlUrl()).contains("http://pki.example/root-" + world.run + ".crl");
            assertThat(root.crlUrlSource()).contains("certificate");
            assertThat(root.addedBy()).isEqualTo(ANNA);
            assertThat(root.approvedBy()).isEqualTo(BEN);
            assertThat(sub.root()).isFalse();
            assertThat(sub.parentId()).contains(root.id());
            assertThat(sub.crlUrl()).isEmpty();
            assertThatThrownBy(() -> ConfirmedApproval.approve(changes, stepUp, request.id())).hasMessageContaining("applied (pki.ben) already");
        }
        assertThat(audit("CONFIG_CHANGE_REQUESTED", "config-change:" + request.id())).containsExactly(ANNA + " success");
        assertThat(audit("CONFIG_CHANGE_APPROVED", "config-change:" + request.id()))
                .containsExactly(ANNA + " denied", ANNA + " denied", BEN + " success", BEN + " denied");
    }

    @Test
    void the_database_refuses_a_decision_by_the_requester_and_a_rejection_without_reason() {
        var world = new CaWorld(jdbc);
        long id;
        try (var anna = as(ANNA)) {
            id = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.root.certificate())).id();
        }
        assertThatThrownBy(() -> jdbc.sql("""
                        update config_change_request set state = 'applied', decided_by = requested_by, decided_at = now()
                        where id = ?""").param(id).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("config_change_request");
        assertThatThrownBy(() -> jdbc.sql("""
                        update config_change_request set state = 'rejected', decided_by = 'pki.ben', decided_at = now()
                        where id = ?""").param(id).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        // A trusted CA must name an approver other than the requester.
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into device_ca (operator_id, credential_type_id, fingerprint_sha256, subject, issuer, serial_hex,
                                               not_before, not_after, key_algorithm, key_size, is_root, certificate_der,
                                               added_by, approved_by, added_at, change_request_id)
                        values (?, ?, repeat('a', 64), 'CN=x', 'CN=x', '1', now(), now() + interval '1 day', 'EC', 256, true,
                                '\\x00', 'pki.anna', 'pki.anna', now(), ?)""").params(world.operator.id(), world.type, id).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void uploads_that_are_malformed_not_a_ca_expired_duplicate_or_unchained_are_refused_with_a_clear_message() {
        var world = new CaWorld(jdbc);
        var now = CaWorld.NOW;
        var device = world.sub.device("Device " + world.run, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(100)));
        var expired = SampleCa.root("Old Maker", "Old Root " + world.run, now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(2)), Optional.empty());
        var stranger = SampleCa.root("Other Maker", "Other Root " + world.run, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(100)), Optional.empty());
        var strangersSub = stranger.subCa("Other Sub " + world.run, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(50)),
                Optional.empty());
        // Same name as our root, another key: the sub-CA's signature does not verify with it.
        var impostor = SampleCa.root("Device Maker " + world.run, "Root " + world.run, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(100)), Optional.empty());
        try (var anna = as(ANNA)) {
            assertRefused(world, "not PEM at all".getBytes(), "is not a readable X.509 certificate");
            assertRefused(world, new byte[0], "Give a certificate");
            assertRefused(world, CaWorld.pem(device), "is not a CA certificate: its basic constraints say it is no CA");
            assertRefused(world, CaWorld.pem(expired.certificate()), "Old Root " + world.run + ",O=Old Maker' expired on");
            assertRefused(world, CaWorld.pem(world.sub.certificate()), "which is neither trusted for this pair nor in this upload");
            assertRefused(world, CaWorld.pem(strangersSub.certificate(), world.root.certificate()), "Other Sub");
            assertRefused(world, CaWorld.pem(world.root.certificate(), world.root.certificate()), "is in this upload twice");
            assertRefused(world, CaWorld.pem(world.sub.certificate(), impostor.certificate()),
                    "but its signature does not verify with that CA's key");

            // DER works as well as PEM; once proposed, the same root cannot be proposed again.
            var request = cas.requestAdd(world.operator, world.type, CaWorld.der(world.root.certificate()));
            assertRefused(world, CaWorld.pem(world.root.certificate()), "already trusted for this pair, or proposed");
            try (var ben = as(BEN)) {
                ConfirmedApproval.approve(changes, stepUp, request.id());
            }
        }
        try (var anna = as(ANNA)) {
            assertRefused(world, CaWorld.pem(world.root.certificate()), "already trusted for this pair");
            // Now the sub-CA chains to a trusted root on its own.
            assertThat(cas.requestAdd(world.operator, world.type, CaWorld.pem(world.sub.certificate())).pending()).isTrue();
        }
        assertThat(jdbc.sql("""
                        select count(*) from audit_event where action = 'CONFIG_CHANGE_REQUESTED' and outcome = 'failed'
                          and target = ?""").param("operator/" + world.operator.code() + "/type/" + world.typeCode + "/device-cas")
                .query(Long.class).single()).isEqualTo(10);
    }

    @Test
    @RecordsAudit({AuditAction.CONFIG_CHANGE_REJECTED, AuditAction.CONFIG_CHANGE_WITHDRAWN})
    void a_rejection_needs_a_reason_and_changes_nothing_and_only_the_requester_withdraws() {
        var world = new CaWorld(jdbc);
        long rejected;
        long withdrawn;
        try (var anna = as(ANNA)) {
            rejected = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.root.certificate())).id();
            assertThatThrownBy(() -> changes.reject(rejected, "not mine")).hasMessageContaining("someone else must decide");
        }
        try (var ben = as(BEN)) {
            assertThatThrownBy(() -> changes.reject(rejected, "  ")).hasMessageContaining("Give a reason");
            assertThat(changes.reject(rejected, "Wrong maker").reason()).contains("Wrong maker");
            assertThat(cas.trusted(world.operator, world.type)).isEmpty();
        }
        try (var anna = as(ANNA)) {
            withdrawn = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.root.certificate())).id();
        }
        try (var ben = as(BEN)) {
            assertThatThrownBy(() -> changes.withdraw(withdrawn)).hasMessageContaining("Only pki.anna can withdraw");
        }
        try (var anna = as(ANNA)) {
            assertThat(changes.withdraw(withdrawn).state()).isEqualTo(ChangeRequest.State.WITHDRAWN);
            assertThat(cas.history(world.operator, world.type)).extracting(r -> r.state().code())
                    .containsExactly("withdrawn", "rejected");
        }
        assertThat(audit("CONFIG_CHANGE_REJECTED", "config-change:" + rejected))
                .containsExactly(ANNA + " denied", BEN + " denied", BEN + " success");
        assertThat(audit("CONFIG_CHANGE_WITHDRAWN", "config-change:" + withdrawn)).containsExactly(ANNA + " success");
    }

    @Test
    void removal_goes_through_dual_control_and_waits_for_the_sub_cas_and_the_history_shows_every_version() {
        var world = new CaWorld(jdbc);
        try (var anna = as(ANNA)) {
            long add = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.root.certificate(), world.sub.certificate())).id();
            try (var ben = as(BEN)) {
                ConfirmedApproval.approve(changes, stepUp, add);
            }
        }
        try (var ben = as(BEN)) {
            var trusted = cas.trusted(world.operator, world.type);
            long rootId = trusted.getFirst().id();
            long subId = trusted.get(1).id();
            assertThatThrownBy(() -> cas.requestRemoval(rootId, "retired")).hasMessageContaining("remove them first");
            long removal = cas.requestRemoval(subId, "compromised").id();
            assertThat(cas.trusted(world.operator, world.type)).hasSize(2);
            try (var anna = as(ANNA)) {
                ConfirmedApproval.approve(changes, stepUp, removal);
            }
            assertThat(cas.trusted(world.operator, world.type)).extracting(DeviceCa::id).containsExactly(rootId);
            assertThat(jdbc.sql("select removed_by from device_ca where id = ?").param(subId).query(String.class).single())
                    .isEqualTo(ANNA);
            assertThat(cas.history(world.operator, world.type)).extracting(r -> r.state().code() + " " + r.requestedBy()
                    + " " + r.decidedBy().orElse("")).containsExactly("applied pki.ben pki.anna", "applied pki.anna pki.ben");
            assertThat(cas.history(world.operator, world.type).getFirst().summary()).contains("Remove", "compromised");
        }
    }

    @Test
    @RecordsAudit(AuditAction.CONFIG_CHANGE_EXPIRED)
    void a_request_past_its_validity_expires_and_cannot_be_approved() {
        var world = new CaWorld(jdbc);
        long id;
        try (var anna = as(ANNA)) {
            id = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.root.certificate())).id();
        }
        jdbc.sql("update config_change_request set requested_at = requested_at - interval '73 hours', "
                + "expires_at = expires_at - interval '73 hours' where id = ?").param(id).update();
        try (var ben = as(BEN)) {
            assertThatThrownBy(() -> ConfirmedApproval.approve(changes, stepUp, id)).hasMessageContaining("expired");
            assertThat(cas.trusted(world.operator, world.type)).isEmpty();
            assertThat(cas.history(world.operator, world.type).getFirst().state()).isEqualTo(ChangeRequest.State.EXPIRED);
        }
        assertThat(audit("CONFIG_CHANGE_EXPIRED", "config-change:" + id)).containsExactly("system success");
        assertThat(audit("CONFIG_CHANGE_APPROVED", "config-change:" + id)).containsExactly(BEN + " denied");
    }

    @Test
    @RecordsAudit({AuditAction.DEVICE_CA_CRL_LOADED, AuditAction.DEVICE_CA_CRL_URL_SET})
    void a_crl_must_come_from_the_ca_and_verify_and_a_distribution_point_is_set_by_hand_only_when_the_certificate_has_none() {
        var world = new CaWorld(jdbc);
        var now = CaWorld.NOW;
        try (var anna = as(ANNA)) {
            long add = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.root.certificate(), world.sub.certificate())).id();
            try (var ben = as(BEN)) {
                ConfirmedApproval.approve(changes, stepUp, add);
            }
        }
        var impostor = SampleCa.root("Device Maker " + world.run, "Root " + world.run, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(100)), Optional.empty());
        try (var ben = as(BEN)) {
            var trusted = cas.trusted(world.operator, world.type);
            long rootId = trusted.getFirst().id();
            long subId = trusted.get(1).id();
            byte[] fromSub = world.sub.crl(now, Optional.of(now.plus(Duration.ofDays(7))), List.of(BigInteger.TEN));
            assertThatThrownBy(() -> cas.uploadCrl(rootId, fromSub)).hasMessageContaining("was issued by CN=Sub " + world.run)
                    .hasMessageContaining("not by 'CN=Root " + world.run);
            byte[] forged = impostor.crl(now, Optional.of(now.plus(Duration.ofDays(7))), List.of());
            assertThatThrownBy(() -> cas.uploadCrl(rootId, forged)).hasMessageContaining("signature does not verify");
            assertThatThrownBy(() -> cas.uploadCrl(rootId, "garbage".getBytes())).hasMessageContaining("not a readable");

            var facts = cas.uploadCrl(rootId, world.root.crl(now.minusSeconds(60), Optional.of(now.plus(Duration.ofDays(7))),
                    List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.TEN)));
            assertThat(facts.revokedCount()).isEqualTo(3);
            var stored = cas.trusted(world.operator, world.type).getFirst().crl().orElseThrow();
            assertThat(stored.nextUpdate()).isPresent();
            assertThat(stored.source()).isEqualTo("upload");
            byte[] older = world.root.crl(now.minus(Duration.ofDays(3)), Optional.of(now.plus(Duration.ofDays(1))), List.of());
            assertThatThrownBy(() -> cas.uploadCrl(rootId, older)).hasMessageContaining("is older than the one stored");
            // The sub-CA's CRL, as PEM.
            String pem = "-----BEGIN X509 CRL-----\n" + java.util.Base64.getMimeEncoder().encodeToString(fromSub)
                    + "\n-----END X509 CRL-----\n";
            assertThat(cas.uploadCrl(subId, pem.getBytes()).revokedCount()).isEqualTo(1);

            assertThatThrownBy(() -> cas.setCrlUrl(rootId, "http://elsewhere.example/x.crl"))
                    .hasMessageContaining("names its own distribution point");
            assertThatThrownBy(() -> cas.setCrlUrl(subId, "ftp://pki.example/sub.crl")).hasMessageContaining("http:// or https://");
            assertThat(cas.setCrlUrl(subId, "https://pki.example/sub.crl").crlUrlSource()).contains("manual");
            assertThatThrownBy(() -> cas.fetchCrl(subId)).hasMessageContaining("switched off");
            assertThat(cas.setCrlUrl(subId, " ").crlUrl()).isEmpty();
            assertThatThrownBy(() -> cas.uploadCrl(-1, fromSub)).hasMessageContaining("no trusted device CA");
        }
        var root = "device-ca:" + jdbc.sql("select id from device_ca where operator_id = ? and is_root").param(world.operator.id())
                .query(Long.class).single();
        assertThat(audit("DEVICE_CA_CRL_LOADED", root)).containsExactly(BEN + " failed", BEN + " failed", BEN + " failed",
                BEN + " success", BEN + " failed");
        var sub = "device-ca:" + jdbc.sql("select id from device_ca where operator_id = ? and not is_root").param(world.operator.id())
                .query(Long.class).single();
        assertThat(audit("DEVICE_CA_CRL_URL_SET", sub)).containsExactly(BEN + " failed", BEN + " success", BEN + " success");
        assertThat(audit("DEVICE_CA_CRL_URL_SET", root)).containsExactly(BEN + " failed");
    }

    @Autowired
    DeviceCaRows rows;
    @Autowired
    DeviceCaChanges handler;
    @Autowired
    com.devicecreds.access.CurrentActor currentActor;
    @Autowired
    com.devicecreds.audit.AuditLog auditLog;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void a_fetched_crl_is_checked_and_stored_like_an_uploaded_one() throws java.io.IOException {
        var world = new CaWorld(jdbc);
        var now = CaWorld.NOW;
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] good = world.sub.crl(now, Optional.of(now.plus(Duration.ofDays(1))), List.of(BigInteger.ONE, BigInteger.TWO));
        byte[] wrongIssuer = world.root.crl(now, Optional.of(now.plus(Duration.ofDays(1))), List.of());
        for (var entry : java.util.Map.of("/sub.crl", good, "/wrong.crl", wrongIssuer).entrySet()) {
            server.createContext(entry.getKey(), exchange -> {
                exchange.sendResponseHeaders(200, entry.getValue().length);
                exchange.getResponseBody().write(entry.getValue());
                exchange.close();
            });
        }
        server.start();
        try (var anna = as(ANNA)) {
            long add = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.root.certificate(), world.sub.certificate())).id();
            try (var ben = as(BEN)) {
                ConfirmedApproval.approve(changes, stepUp, add);
            }
            long subId = cas.trusted(world.operator, world.type).get(1).id();
            // The bean has fetching switched off, as in every embedded run; this one may fetch from the local server.
            var fetching = new DeviceCaService(rows, changes, handler, CrlFetcherTest.fetcher(true), currentActor, auditLog,
                    java.time.Clock.systemUTC(), transactions);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            cas.setCrlUrl(subId, base + "/wrong.crl");
            assertThatThrownBy(() -> fetching.fetchCrl(subId)).hasMessageContaining("was issued by CN=Root " + world.run);
            cas.setCrlUrl(subId, base + "/sub.crl");
            assertThat(fetching.fetchCrl(subId).revokedCount()).isEqualTo(2);
            var stored = cas.trusted(world.operator, world.type).get(1).crl().orElseThrow();
            assertThat(stored.source()).isEqualTo("fetch");
            assertThat(stored.loadedBy()).isEqualTo(ANNA);
        } finally {
            server.stop(0);
        }
    }

    private void assertRefused(CaWorld world, byte[] upload, String message) {
        assertThatThrownBy(() -> cas.requestAdd(world.operator, world.type, upload)).isInstanceOf(ChangeRefusedException.class)
                .hasMessageContaining(message);
    }

    private List<String> audit(String action, String target) {
        return jdbc.sql("select actor || ' ' || outcome from audit_event where action = ? and target = ? order by seq")
                .params(action, target).query(String.class).list();
    }

    /** Signed in until closed; closing brings back whoever was signed in before, so sign-ins nest. */
    static com.devicecreds.portal.security.SignedIn as(String user) {
        return com.devicecreds.portal.security.SignedIn.as(
                com.devicecreds.portal.security.SignedIn.user(user, Optional.empty(), Roles.PKI_OPS));
    }
}
