package com.devicecreds.portal.security;

import static com.devicecreds.portal.typeauth.AuthWorld.models;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.typeauth.AuthWorld;
import com.devicecreds.portal.typeauth.ListPart;
import com.devicecreds.portal.typeauth.OperatorAuthorization;
import com.devicecreds.portal.typeauth.TypeAuthorizationService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Authorization rules between tenants: staff of an operator authorized for another operator's type see
 * their own authorization and list parts, not the owner's, and request nothing; auditors read all.
 * Each public method of {@link TypeAuthorizationService} is tried here ({@link #COVERED}, checked by
 * TenantIsolationTest).
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeAuthorizationTenancyTest {

    static final Set<String> COVERED = Set.of(
            "TypeAuthorizationService.authorizations(int)",
            "TypeAuthorizationService.listParts(int, OperatorRef)",
            "TypeAuthorizationService.deviceModels()",
            "TypeAuthorizationService.authorizableOperators(int)",
            "TypeAuthorizationService.registerDeviceModel(String, String)",
            "TypeAuthorizationService.requestGrant(int, OperatorRef, Set)",
            "TypeAuthorizationService.requestRevoke(int, OperatorRef, String)",
            "TypeAuthorizationService.requestModelChange(int, OperatorRef, Set, Set)");

    @Autowired
    TypeAuthorizationService service;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    JdbcClient jdbc;

    private AuthWorld a;
    private AuthWorld b;

    // Before each test, not before all: the security strategy is installed before each test. The world is made once.
    @BeforeEach
    void anOperatorAuthorizedForAnotherOperatorsTypeAndASecondTenant() {
        if (a != null) {
            return;
        }
        a = new AuthWorld(jdbc);
        b = new AuthWorld(jdbc);
        AuthWorld.approved(changes, stepUp, () -> service.requestGrant(a.type, a.other, models(a.x1)));
        part(a, a.owner.id(), "owner-part.csv");
        part(a, a.other.id(), "other-part.csv");
    }

    @Test
    void operator_staff_read_their_own_operators_authorization_and_list_parts_only() {
        try (var staff = SignedIn.as(SignedIn.operatorStaff(a.other.code()))) {
            var rules = service.authorizations(a.type).orElseThrow();
            assertThat(rules.operators()).extracting(OperatorAuthorization::operator).containsExactly(a.other);
            assertThat(rules.operators().getFirst().listParts().parts()).isEqualTo(1);
            assertThat(service.authorizations(b.type)).isEmpty();
            assertThat(service.listParts(a.type, a.other)).extracting(ListPart::sourceName).containsExactly("other-part.csv");
            assertThat(service.listParts(a.type, a.owner)).isEmpty();
            assertThat(service.deviceModels()).extracting(m -> m.id()).contains(a.x1, b.x2);
        }
        try (var staff = SignedIn.as(SignedIn.operatorStaff(b.other.code()))) {
            assertThat(service.authorizations(a.type)).isEmpty();
            assertThat(service.listParts(a.type, a.other)).isEmpty();
        }
    }

    @Test
    void operator_staff_request_nothing_and_auditors_read_every_operator() {
        try (var staff = SignedIn.as(SignedIn.operatorStaff(a.other.code()))) {
            assertThatThrownBy(() -> service.authorizableOperators(a.type)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> service.registerDeviceModel("Acme", "Staff " + a.run)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> service.requestGrant(a.type, a.other, models(a.x2))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> service.requestRevoke(a.type, a.other, "x")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> service.requestModelChange(a.type, a.other, models(a.x2), models()))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(jdbc.sql("select count(*) from config_change_request where target like ?").param("type/" + a.typeCode + "/%")
                .query(Long.class).single()).as("only the grant made before").isEqualTo(1);
        try (var auditor = SignedIn.as(SignedIn.withRole(Roles.AUDITOR))) {
            assertThat(service.authorizations(a.type).orElseThrow().operators()).extracting(OperatorAuthorization::operator)
                    .containsExactlyInAnyOrder(a.owner, a.other);
            assertThat(service.listParts(a.type, a.owner)).hasSize(1);
            assertThatThrownBy(() -> service.requestRevoke(a.type, a.other, "x")).isInstanceOf(AccessDeniedException.class);
        }
        try (var pki = AuthWorld.pki(AuthWorld.ANNA)) {
            assertThat(service.authorizableOperators(a.type)).extracting(o -> o.ref())
                    .contains(b.owner).doesNotContain(a.owner, a.other);
        }
    }

    private void part(AuthWorld world, short operator, String source) {
        jdbc.sql("""
                        insert into authorized_list_part (operator_id, credential_type_id, part_number, source_name, entry_count)
                        values (?, ?, 1, ?, 3)""")
                .params(operator, world.type, source).update();
    }
}
