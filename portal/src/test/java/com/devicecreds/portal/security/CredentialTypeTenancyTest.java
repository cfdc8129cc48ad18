package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.change.ConfirmedApproval;
import com.devicecreds.portal.credentialtype.CertificateTemplate;
import com.devicecreds.portal.credentialtype.CredentialTypeService;
import com.devicecreds.portal.credentialtype.HistoryEntry;
import com.devicecreds.portal.credentialtype.OperatorTemplate;
import com.devicecreds.portal.credentialtype.TypeSummary;
import com.devicecreds.portal.credentialtype.TypeWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Credential types between two tenants: operator staff of A see A's own type and a shared type A is
 * authorized for, with the shared type's type-wide history and A's own template and rows only; they
 * see nothing of B's type and change nothing. Each public method of {@link CredentialTypeService} is
 * tried here ({@link #COVERED}, checked by TenantIsolationTest).
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialTypeTenancyTest {

    static final Set<String> COVERED = Set.of(
            "CredentialTypeService.types()",
            "CredentialTypeService.type(int)",
            "CredentialTypeService.catalogue()",
            "CredentialTypeService.history(int)",
            "CredentialTypeService.templates(int)",
            "CredentialTypeService.pending(int)",
            "CredentialTypeService.pendingCreations()",
            "CredentialTypeService.requestCreate(TypeSettings)",
            "CredentialTypeService.edit(int, TypeSettings, TypeSettings)",
            "CredentialTypeService.requestTemplate(int, OperatorRef, Optional, CertificateTemplate)");

    @Autowired
    CredentialTypeService types;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    JdbcClient jdbc;

    private TypeWorld a;
    private TypeWorld b;
    private int shared;
    private ChangeRequest pendingOfB;
    private ChangeRequest creationForB;

    @BeforeEach
    void twoTenantsWithTemplatesOnASharedOnlineType() {
        if (a != null) {
            return;
        }
        a = TypeWorld.onlineCertificates(jdbc);
        b = TypeWorld.onlineCertificates(jdbc);
        shared = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, device_id_kind, binding_mode)
                        values (?, 'Shared certificates', 'x509-device', 'mac', 'issued-online') returning id""")
                .param("shared-" + a.run).query(Integer.class).single();
        for (var world : new TypeWorld[] {a, b}) {
            jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)")
                    .params(shared, world.operator.id()).update();
        }
        for (var world : new TypeWorld[] {a, b}) {
            long id;
            try (var anna = pki("pki.anna")) {
                id = types.requestTemplate(shared, world.operator, Optional.empty(),
                        new CertificateTemplate(365, "Org " + world.run, "", "", "", "DE")).id();
            }
            try (var ben = pki("pki.ben")) {
                ConfirmedApproval.approve(changes, stepUp, id);
            }
        }
        try (var anna = pki("pki.anna")) {
            var seen = types.type(shared).orElseThrow().settings();
            types.edit(shared, seen, seen.withName("Shared certificates, renamed"));
            pendingOfB = types.requestTemplate(b.type, b.operator, Optional.empty(), new CertificateTemplate(90, "", "", "", "", ""));
            creationForB = types.requestCreate(b.newShared("-b"));
        }
    }

    @Test
    void operator_staff_read_their_own_operators_types_templates_and_history_only() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.operator.code()))) {
            assertThat(types.types()).extracting(TypeSummary::id).contains(a.type, shared).doesNotContain(b.type);
            assertThat(types.types()).filteredOn(t -> t.id() == shared).singleElement()
                    .satisfies(t -> assertThat(t.authorizedOperators()).isEqualTo(1));
            assertThat(types.type(b.type)).isEmpty();
            assertThat(types.type(shared)).isPresent();
            assertThat(types.catalogue().operators()).extracting(OperatorSummary::ref).containsExactly(a.operator);
            assertThat(types.templates(shared)).extracting(OperatorTemplate::operator).containsExactly(a.operator);
            assertThat(types.templates(b.type)).isEmpty();
            assertThat(types.history(shared)).extracting(h -> h.operatorName().orElse("type-wide"))
                    .containsOnly("type-wide", "Type tenant " + a.run).contains("type-wide", "Type tenant " + a.run);
            assertThat(types.history(b.type)).isEmpty();
            assertThat(types.pending(b.type)).isEmpty();
            assertThat(types.pendingCreations()).extracting(ChangeRequest::id).doesNotContain(creationForB.id());
        }
        try (var auditor = SignedIn.as(SignedIn.withRole(Roles.AUDITOR))) {
            assertThat(types.types()).extracting(TypeSummary::id).contains(a.type, b.type, shared);
            assertThat(types.templates(shared)).hasSize(2);
            assertThat(types.history(shared)).extracting(HistoryEntry::operatorName)
                    .contains(Optional.of("Type tenant " + a.run), Optional.of("Type tenant " + b.run));
            assertThat(types.pending(b.type)).extracting(ChangeRequest::id).containsExactly(pendingOfB.id());
            assertThat(types.pendingCreations()).extracting(ChangeRequest::id).contains(creationForB.id());
        }
    }

    @Test
    void operator_staff_change_nothing() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.operator.code()))) {
            var own = types.type(a.type).orElseThrow().settings();
            assertThatThrownBy(() -> types.edit(a.type, own, own.withName("Mine now"))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> types.requestCreate(a.newShared("-staff"))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> types.requestTemplate(a.type, a.operator, Optional.empty(),
                    new CertificateTemplate(30, "", "", "", "", ""))).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(jdbc.sql("select name from credential_type where id = ?").param(a.type).query(String.class).single())
                .isEqualTo("Type " + a.run);
    }

    private static SignedIn pki(String user) {
        return SignedIn.as(SignedIn.user(user, Optional.empty(), Roles.PKI_OPS));
    }
}
