package com.devicecreds.portal.typeauth;

import static com.devicecreds.portal.typeauth.AuthWorld.ANNA;
import static com.devicecreds.portal.typeauth.AuthWorld.BEN;
import static com.devicecreds.portal.typeauth.AuthWorld.models;
import static com.devicecreds.portal.typeauth.AuthWorld.pki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.change.ConfirmedApproval;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Authorizing, revoking and changing models under dual control on the real database: nothing changes
 * until a second person approves; then the rows, the type's version and its history do.
 */
@PortalTest
class TypeAuthorizationDualControlTest {

    @Autowired
    TypeAuthorizationService service;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    JdbcClient jdbc;

    @Test
    void an_operator_is_authorized_revoked_and_authorized_again_only_when_someone_else_approves() {
        var w = new AuthWorld(jdbc);
        ChangeRequest request;
        try (var anna = pki(ANNA)) {
            request = service.requestGrant(w.type, w.other, models(w.x1, w.x2));
            assertThat(request.summary()).isEqualTo("Authorize " + w.otherName + " for " + w.typeName + " with 2 models: "
                    + w.x1Label() + ", " + w.x2Label());
            assertThat(request.target()).isEqualTo("type/" + w.typeCode + "/operator/" + w.other.code());
            assertThat(request.operator()).contains(w.other);
            assertThat(operators(w)).containsExactly(w.owner.code());
            assertThatThrownBy(() -> ConfirmedApproval.approve(changes, stepUp, request.id())).isInstanceOf(ChangeRefusedException.class)
                    .hasMessageContaining("someone else must decide");
        }
        assertThat(version(w)).isEqualTo(1);
        try (var ben = pki(BEN)) {
            assertThat(ConfirmedApproval.approve(changes, stepUp, request.id()).state()).isEqualTo(ChangeRequest.State.APPLIED);
            var other = service.authorizations(w.type).orElseThrow().of(w.other).orElseThrow();
            assertThat(other.revoked()).isFalse();
            assertThat(other.authorizedBy()).contains(ANNA);
            assertThat(other.models()).extracting(DeviceModel::label).containsExactly(w.x1Label(), w.x2Label());
        }
        assertThat(version(w)).isEqualTo(2);
        assertThat(history(w, 2)).containsExactlyInAnyOrder(
                "Authorized operator: null -> " + w.otherName + " by pki.anna/pki.ben #" + request.id(),
                "Device model " + w.x1Label() + ": null -> authorized by pki.anna/pki.ben #" + request.id(),
                "Device model " + w.x2Label() + ": null -> authorized by pki.anna/pki.ben #" + request.id());

        var revoke = AuthWorld.approved(changes, stepUp, () -> service.requestRevoke(w.type, w.other, "  Contract ended "));
        assertThat(revoke.summary()).isEqualTo("Revoke " + w.otherName + " for " + w.typeName + ": Contract ended");
        try (var ben = pki(BEN)) {
            var other = service.authorizations(w.type).orElseThrow().of(w.other).orElseThrow();
            assertThat(other.revoked()).isTrue();
            assertThat(other.revokedBy()).contains(ANNA);
            assertThat(other.revokeReason()).contains("Contract ended");
            assertThat(other.models()).as("kept for a re-authorization").hasSize(2);
        }
        assertThat(history(w, 3)).containsExactly("Authorized operator: " + w.otherName + " -> Revoked: Contract ended by "
                + "pki.anna/pki.ben #" + revoke.id());

        var again = AuthWorld.approved(changes, stepUp, () -> service.requestGrant(w.type, w.other, models(w.x2)));
        assertThat(again.summary()).startsWith("Authorize " + w.otherName + " again for " + w.typeName + " with 1 model: ");
        try (var ben = pki(BEN)) {
            var other = service.authorizations(w.type).orElseThrow().of(w.other).orElseThrow();
            assertThat(other.revoked()).isFalse();
            assertThat(other.revokeReason()).isEmpty();
            assertThat(other.models()).extracting(DeviceModel::id).containsExactly(w.x2);
        }
        assertThat(history(w, 4)).containsExactlyInAnyOrder(
                "Authorized operator: Revoked: Contract ended -> " + w.otherName + " by pki.anna/pki.ben #" + again.id(),
                "Device model " + w.x1Label() + ": authorized -> null by pki.anna/pki.ben #" + again.id());
    }

    @Test
    void a_model_change_applies_the_difference_and_writes_one_history_row_per_model() {
        var w = new AuthWorld(jdbc);
        var request = AuthWorld.approved(changes, stepUp, () -> service.requestModelChange(w.type, w.owner, models(w.x2), models(w.x1)));
        assertThat(request.summary()).isEqualTo("Change " + w.ownerName + "'s device models for " + w.typeName + ": add "
                + w.x2Label() + "; remove " + w.x1Label());
        assertThat(jdbc.sql("select device_model_id from model_authorization where credential_type_id = ? and operator_id = ?")
                .params(w.type, w.owner.id()).query(Integer.class).list()).containsExactly(w.x2);
        assertThat(history(w, 2)).containsExactlyInAnyOrder(
                "Device model " + w.x2Label() + ": null -> authorized by pki.anna/pki.ben #" + request.id(),
                "Device model " + w.x1Label() + ": authorized -> null by pki.anna/pki.ben #" + request.id());
    }

    @Test
    void a_request_that_no_longer_applies_at_approval_is_refused_and_changes_nothing() {
        var w = new AuthWorld(jdbc);
        long models;
        long grant;
        try (var anna = pki(ANNA)) {
            models = service.requestModelChange(w.type, w.owner, models(w.x2), models()).id();
            grant = service.requestGrant(w.type, w.other, models(w.x1)).id();
        }
        // Meanwhile the world moved on (another tool, an older request).
        jdbc.sql("insert into model_authorization (credential_type_id, operator_id, device_model_id) values (?, ?, ?)")
                .params(w.type, w.owner.id(), w.x2).update();
        jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(w.type, w.other.id())
                .update();
        try (var ben = pki(BEN)) {
            assertThatThrownBy(() -> ConfirmedApproval.approve(changes, stepUp, models)).isInstanceOf(ChangeRefusedException.class)
                    .hasMessage(w.x2Label() + " is authorized for " + w.ownerName + " already.");
            assertThatThrownBy(() -> ConfirmedApproval.approve(changes, stepUp, grant)).isInstanceOf(ChangeRefusedException.class)
                    .hasMessage(w.otherName + " is authorized for " + w.typeName + " already.");
        }
        assertThat(jdbc.sql("select state from config_change_request where id in (?, ?)").params(models, grant)
                .query(String.class).list()).containsOnly("pending");
        assertThat(version(w)).isEqualTo(1);
        assertThat(history(w, 2)).isEmpty();
    }

    @Test
    void requests_are_checked_at_once_with_every_problem_in_one_message_and_refusals_are_audited() {
        var w = new AuthWorld(jdbc);
        try (var anna = pki(ANNA)) {
            assertThatThrownBy(() -> service.requestRevoke(w.type, w.owner, " ")).isInstanceOf(ChangeRefusedException.class)
                    .hasMessage(w.ownerName + " owns " + w.typeName + ": the owning operator's authorization cannot be revoked. "
                            + "Give a reason for the revocation (at most 1,000 characters).");
            assertThatThrownBy(() -> service.requestGrant(w.type, w.owner, models(999_999_999)))
                    .hasMessage(w.ownerName + " is authorized for " + w.typeName + " already. "
                            + "Device model 999999999 is not in the catalogue.");
            assertThatThrownBy(() -> service.requestGrant(w.type, w.other, models()))
                    .hasMessageStartingWith("Choose at least one device model");
            assertThatThrownBy(() -> service.requestModelChange(w.type, w.other, models(w.x1), models()))
                    .hasMessageContaining("is not authorized for " + w.typeName);
            assertThatThrownBy(() -> service.requestModelChange(w.type, w.owner, models(w.x1), models(w.x1)))
                    .hasMessageContaining(w.x1Label() + " cannot be added and removed at once.");
            assertThatThrownBy(() -> service.requestModelChange(w.type, w.owner, models(), models(w.x1)))
                    .hasMessageContaining("removes every device model of " + w.ownerName);
            service.requestGrant(w.type, w.other, models(w.x1));
            assertThatThrownBy(() -> service.requestGrant(w.type, w.other, models(w.x2)))
                    .hasMessageContaining("waits for a decision already (#");
        }
        String ownerTarget = "type/" + w.typeCode + "/operator/" + w.owner.code();
        assertThat(jdbc.sql("""
                        select actor || ' ' || outcome || ' ' || (details::jsonb ->> 'kind') from audit_event
                        where action = ? and target = ? order by seq""")
                .params(AuditAction.CONFIG_CHANGE_REQUESTED.name(), ownerTarget).query(String.class).list())
                .containsExactly(ANNA + " failed type-authorization-revoke", ANNA + " failed type-authorization-grant",
                        ANNA + " failed model-authorization-change", ANNA + " failed model-authorization-change");
        assertThat(jdbc.sql("select count(*) from config_change_request where target = ?").param(ownerTarget)
                .query(Long.class).single()).isZero();
    }

    @Test
    @RecordsAudit(AuditAction.DEVICE_MODEL_REGISTERED)
    void a_device_model_is_registered_at_once_audited_and_authorizes_nothing_and_duplicates_and_blanks_are_refused() {
        var w = new AuthWorld(jdbc);
        DeviceModel registered;
        try (var anna = pki(ANNA)) {
            registered = service.registerDeviceModel(" Acme ", " Z9-" + w.run + " ");
            assertThat(registered.label()).isEqualTo("Acme Z9-" + w.run);
            assertThat(service.deviceModels()).contains(registered);
            assertThatThrownBy(() -> service.registerDeviceModel("ACME", "z9-" + w.run)).isInstanceOf(ChangeRefusedException.class)
                    .hasMessage("Acme Z9-" + w.run + " is in the catalogue already.");
            assertThatThrownBy(() -> service.registerDeviceModel("", " ")).isInstanceOf(ChangeRefusedException.class)
                    .hasMessage("Give the manufacturer (at most 100 characters). Give the model's name (at most 100 characters).");
        }
        assertThat(jdbc.sql("select count(*) from model_authorization where device_model_id = ?").param(registered.id())
                .query(Long.class).single()).isZero();
        assertThat(audit("device-model:" + registered.id())).containsExactly(ANNA + " success");
        assertThat(audit("device-model:ACME/z9-" + w.run)).containsExactly(ANNA + " failed");
        assertThat(jdbc.sql("select registered_by from device_model where id = ?").param(registered.id()).query(String.class)
                .single()).isEqualTo(ANNA);
    }

    private List<String> operators(AuthWorld w) {
        return service.authorizations(w.type).orElseThrow().operators().stream().map(a -> a.operator().code()).toList();
    }

    private int version(AuthWorld w) {
        return jdbc.sql("select version from credential_type where id = ?").param(w.type).query(Integer.class).single();
    }

    private List<String> history(AuthWorld w, int version) {
        return jdbc.sql("""
                        select setting || ': ' || coalesce(old_value, 'null') || ' -> ' || coalesce(new_value, 'null')
                               || ' by ' || requested_by || '/' || approved_by || ' #' || change_request_id
                        from credential_type_history where credential_type_id = ? and version = ? and operator_id is not null""")
                .params(w.type, version).query(String.class).list();
    }

    private List<String> audit(String target) {
        return jdbc.sql("select actor || ' ' || outcome from audit_event where action = ? and target = ? order by seq")
                .params(AuditAction.DEVICE_MODEL_REGISTERED.name(), target).query(String.class).list();
    }
}
