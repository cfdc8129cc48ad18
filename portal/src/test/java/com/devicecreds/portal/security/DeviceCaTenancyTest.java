package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.change.ChangeProposal;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.change.ConfirmedApproval;
import com.devicecreds.portal.deviceca.CaPair;
import com.devicecreds.portal.deviceca.CaWorld;
import com.devicecreds.portal.deviceca.DeviceCa;
import com.devicecreds.portal.deviceca.DeviceCaService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Device CAs and configuration changes between two tenants: operator staff of A read A's pairs, CAs,
 * pending changes and history only, and change nothing; PKI operations see both. Each public method
 * of {@link DeviceCaService} and {@link ConfigChangeService} is tried here ({@link #COVERED}, checked
 * by TenantIsolationTest).
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceCaTenancyTest {

    static final Set<String> COVERED = Set.of(
            "DeviceCaService.pairs()",
            "DeviceCaService.trusted(OperatorRef, int)",
            "DeviceCaService.history(OperatorRef, int)",
            "DeviceCaService.requestAdd(OperatorRef, int, byte[])",
            "DeviceCaService.requestRemoval(long, String)",
            "DeviceCaService.setCrlUrl(long, String)",
            "DeviceCaService.uploadCrl(long, byte[])",
            "DeviceCaService.fetchCrl(long)",
            "ConfigChangeService.pending()",
            "ConfigChangeService.history(String)",
            "ConfigChangeService.request(ChangeProposal)",
            "ConfigChangeService.approve(long)",
            "ConfigChangeService.reject(long, String)",
            "ConfigChangeService.withdraw(long)");

    @Autowired
    DeviceCaService cas;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    JdbcClient jdbc;

    private CaWorld a;
    private CaWorld b;
    private DeviceCa rootOfB;
    private ChangeRequest pendingOfA;
    private ChangeRequest pendingOfB;

    // Before each test, not before all: the context's security strategy is installed before each test
    // (ContextSecurityStrategyListener), and the services are called signed in. The world is made once.
    @BeforeEach
    void twoTenantsWithTrustedCasAndPendingChanges() {
        if (a != null) {
            return;
        }
        a = new CaWorld(jdbc);
        b = new CaWorld(jdbc);
        for (var world : List.of(a, b)) {
            long id;
            try (var anna = pki("pki.anna")) {
                id = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.root.certificate())).id();
            }
            try (var ben = pki("pki.ben")) {
                ConfirmedApproval.approve(changes, stepUp, id);
            }
        }
        try (var anna = pki("pki.anna")) {
            pendingOfA = cas.requestAdd(a.operator, a.type, CaWorld.pem(a.sub.certificate()));
            pendingOfB = cas.requestAdd(b.operator, b.type, CaWorld.pem(b.sub.certificate()));
            rootOfB = cas.trusted(b.operator, b.type).getFirst();
        }
    }

    @Test
    void operator_staff_read_their_own_operators_pairs_cas_changes_and_history_only() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.operator.code()))) {
            assertThat(cas.pairs()).extracting(CaPair::operator).containsOnly(a.operator);
            assertThat(cas.pairs()).extracting(CaPair::credentialTypeId).containsExactly(a.type);
            assertThat(cas.trusted(a.operator, a.type)).hasSize(1);
            assertThat(cas.trusted(b.operator, b.type)).isEmpty();
            assertThat(cas.history(a.operator, a.type)).extracting(ChangeRequest::id).contains(pendingOfA.id());
            assertThat(cas.history(b.operator, b.type)).isEmpty();
            assertThat(changes.pending()).extracting(ChangeRequest::id).contains(pendingOfA.id()).doesNotContain(pendingOfB.id());
            assertThat(changes.pending()).allMatch(r -> r.operator().equals(Optional.of(a.operator)));
            assertThat(changes.history(pendingOfB.target())).isEmpty();
            assertThat(changes.history(pendingOfA.target())).isNotEmpty();
        }
    }

    @Test
    void operator_staff_change_nothing_and_pki_operations_see_both_tenants() {
        byte[] crl = b.root.crl(CaWorld.NOW, Optional.of(CaWorld.NOW.plus(Duration.ofDays(7))), List.of(BigInteger.ONE));
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.operator.code()))) {
            assertThatThrownBy(() -> cas.requestAdd(a.operator, a.type, CaWorld.pem(a.sub.certificate())))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> cas.requestRemoval(rootOfB.id(), "x")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> cas.setCrlUrl(rootOfB.id(), "http://x.example/a.crl")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> cas.uploadCrl(rootOfB.id(), crl)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> cas.fetchCrl(rootOfB.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> changes.request(new ChangeProposal("device-ca-remove", Optional.of(b.operator), "t", "s",
                    java.util.Map.of()))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> ConfirmedApproval.approve(changes, stepUp, pendingOfB.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> changes.reject(pendingOfB.id(), "no")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> changes.withdraw(pendingOfA.id())).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(jdbc.sql("select state from config_change_request where id = ?").param(pendingOfB.id())
                .query(String.class).single()).isEqualTo("pending");
        assertThat(jdbc.sql("select count(*) from device_ca_crl where device_ca_id = ?").param(rootOfB.id())
                .query(Long.class).single()).isZero();
        try (var auditor = SignedIn.as(SignedIn.withRole(Roles.AUDITOR))) {
            assertThat(cas.pairs()).extracting(CaPair::operator).contains(a.operator, b.operator);
            assertThat(changes.pending()).extracting(ChangeRequest::id).contains(pendingOfA.id(), pendingOfB.id());
            assertThat(cas.trusted(b.operator, b.type)).extracting(DeviceCa::id).containsExactly(rootOfB.id());
        }
    }

    private static SignedIn pki(String user) {
        return SignedIn.as(SignedIn.user(user, Optional.empty(), Roles.PKI_OPS));
    }
}
