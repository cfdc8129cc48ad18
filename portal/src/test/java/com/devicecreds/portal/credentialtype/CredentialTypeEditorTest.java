package com.devicecreds.portal.credentialtype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.change.ConfirmedApproval;
import com.devicecreds.portal.security.SignedIn;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The credential type editor's rules against the real database: a new type and every
 * security-relevant change wait for a second person; the name changes at once; each applied change is
 * a version with old → new per setting; stale and invalid proposals are refused with every problem.
 */
@PortalTest
class CredentialTypeEditorTest {

    private static final String ANNA = "pki.anna";
    private static final String BEN = "pki.ben";

    @Autowired
    CredentialTypeService types;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    JdbcClient jdbc;

    @Test
    @RecordsAudit({AuditAction.CONFIG_CHANGE_REQUESTED, AuditAction.CONFIG_CHANGE_APPROVED})
    void a_new_type_exists_only_after_someone_other_than_its_requester_approves_it() {
        var world = TypeWorld.keybox(jdbc);
        var wanted = new TypeSettings("own-" + world.run, "Own certificates " + world.run, "x509-device",
                Optional.of(world.operator), "mac", "issued-online", false, true, "ecdh-p256", "global-session-key", 2);
        ChangeRequest request;
        try (var anna = as(ANNA)) {
            request = types.requestCreate(wanted);
            assertThat(types.types()).extracting(TypeSummary::code).doesNotContain(wanted.code());
            assertThat(types.pendingCreations()).extracting(ChangeRequest::id).contains(request.id());
            assertThatThrownBy(() -> ConfirmedApproval.approve(changes, stepUp, request.id())).isInstanceOf(ChangeRefusedException.class)
                    .hasMessageContaining("someone else");
        }
        try (var ben = as(BEN)) {
            ConfirmedApproval.approve(changes, stepUp, request.id());
            var created = types.types().stream().filter(t -> t.code().equals(wanted.code())).findFirst().orElseThrow();
            var type = types.type(created.id()).orElseThrow();
            assertThat(type.settings()).isEqualTo(wanted);
            assertThat(type.version()).isEqualTo(1);
            // The owner is authorized for its own type.
            assertThat(types.templates(created.id())).extracting(t -> t.operator().id()).containsExactly(world.operator.id());
            var history = types.history(created.id());
            assertThat(history).allSatisfy(h -> {
                assertThat(h.version()).isEqualTo(1);
                assertThat(h.requestedBy()).isEqualTo(ANNA);
                assertThat(h.approvedBy()).contains(BEN);
                assertThat(h.oldValue()).isEmpty();
            });
            assertThat(history).extracting(HistoryEntry::setting).contains("Created", "Kind", "Owner", "Key agreement",
                    "Encryption", "Approvals per load");
            assertThat(history).filteredOn(h -> h.setting().equals("Key agreement")).extracting(h -> h.newValue().orElseThrow())
                    .containsExactly("ECDH, NIST P-256");
        }
        assertThat(audit("CONFIG_CHANGE_APPROVED", "config-change:" + request.id())).containsExactly(ANNA + " denied", BEN + " success");
    }

    @Test
    void a_security_relevant_change_waits_for_approval_and_becomes_the_next_version() {
        var world = TypeWorld.keybox(jdbc);
        ChangeRequest request;
        TypeSettings before;
        try (var anna = as(ANNA)) {
            var type = types.type(world.type).orElseThrow();
            before = type.settings();
            var wanted = new TypeSettings(before.code(), before.name(), before.credentialKind(), before.owner(), before.deviceIdKind(),
                    before.bindingMode(), true, false, "x25519", "global-session-key", 3);
            var outcome = types.edit(world.type, before, wanted);
            assertThat(outcome.renamed()).isFalse();
            request = outcome.request().orElseThrow();
            assertThat(request.summary()).contains("Key agreement ECDH, NIST P-256 → ECDH, X25519", "Approvals per load 1 → 3");
            assertThat(types.type(world.type).orElseThrow().settings()).isEqualTo(before);
            assertThat(types.pending(world.type)).extracting(ChangeRequest::id).containsExactly(request.id());
        }
        try (var ben = as(BEN)) {
            ConfirmedApproval.approve(changes, stepUp, request.id());
            var after = types.type(world.type).orElseThrow();
            assertThat(after.version()).isEqualTo(2);
            assertThat(after.settings().keyAgreement()).isEqualTo("x25519");
            assertThat(after.settings().encryptionMode()).isEqualTo("global-session-key");
            assertThat(after.settings().approvalsRequired()).isEqualTo(3);
            assertThat(after.settings().redeliveryAllowed()).isTrue();
            assertThat(after.settings().idListRequired()).isFalse();
            assertThat(types.history(world.type)).extracting(h -> h.version() + " " + h.setting() + ": " + h.oldValue().orElse("")
                    + " → " + h.newValue().orElse("") + " by " + h.requestedBy() + "/" + h.approvedBy().orElse(""))
                    .containsExactly(
                            "2 Re-delivery: Refused: one credential per device → The same credential again by pki.anna/pki.ben",
                            "2 Device-ID list required: yes → no by pki.anna/pki.ben",
                            "2 Key agreement: ECDH, NIST P-256 → ECDH, X25519 by pki.anna/pki.ben",
                            "2 Encryption: Unique per device → Global key, plus a one-time session key by pki.anna/pki.ben",
                            "2 Approvals per load: 1 → 3 by pki.anna/pki.ben");
        }
        // The loading feature reads the quorum from the same row.
        assertThat(jdbc.sql("select approvals_required from credential_type where id = ?").param(world.type).query(Integer.class)
                .single()).isEqualTo(3);
    }

    @Test
    @RecordsAudit(AuditAction.CREDENTIAL_TYPE_RENAMED)
    void a_new_name_applies_at_once_as_a_version_without_approver() {
        var world = TypeWorld.keybox(jdbc);
        try (var anna = as(ANNA)) {
            var before = types.type(world.type).orElseThrow().settings();
            var outcome = types.edit(world.type, before, before.withName("Keybox, renamed " + world.run));
            assertThat(outcome.renamed()).isTrue();
            assertThat(outcome.request()).isEmpty();
            var after = types.type(world.type).orElseThrow();
            assertThat(after.settings().name()).isEqualTo("Keybox, renamed " + world.run);
            assertThat(after.version()).isEqualTo(2);
            assertThat(types.history(world.type)).singleElement().satisfies(h -> {
                assertThat(h.setting()).isEqualTo("Name");
                assertThat(h.approvedBy()).isEmpty();
                assertThat(h.requestedBy()).isEqualTo(ANNA);
            });
            var renamed = after.settings();
            assertThatThrownBy(() -> types.edit(world.type, renamed, renamed.withName(" ")))
                    .isInstanceOf(ChangeRefusedException.class).hasMessageContaining("name of at most 100 characters");
        }
        assertThat(audit("CREDENTIAL_TYPE_RENAMED", "credential-type:" + world.typeCode)).containsExactly(ANNA + " success",
                ANNA + " failed");
    }

    @Test
    void approving_asks_the_approver_to_have_confirmed_who_they_are_recently() {
        var world = TypeWorld.keybox(jdbc);
        ChangeRequest request;
        try (var anna = as(ANNA)) {
            var seen = types.type(world.type).orElseThrow().settings();
            request = types.edit(world.type, seen, withKeyAgreement(seen, "dh-2048")).request().orElseThrow();
        }
        // Someone who never confirmed their identity (not a demo account: no password to confirm).
        try (var zoe = as("pki.zoe")) {
            assertThat(stepUp.confirmPassword("demo")).isFalse();
            assertThatThrownBy(() -> changes.approve(request.id()))
                    .isInstanceOf(ConfigChangeService.StepUpRequiredException.class).hasMessageContaining("Confirm who you are");
        }
        assertThat(jdbc.sql("select state from config_change_request where id = ?").param(request.id()).query(String.class)
                .single()).isEqualTo("pending");
        assertThat(audit("CONFIG_CHANGE_APPROVED", "config-change:" + request.id())).containsExactly("pki.zoe denied");
        try (var ben = as(BEN)) {
            assertThat(stepUp.confirmPassword("wrong")).isFalse();
            ConfirmedApproval.approve(changes, stepUp, request.id());
        }
        assertThat(jdbc.sql("select key_agreement from credential_type where id = ?").param(world.type).query(String.class)
                .single()).isEqualTo("dh-2048");
    }

    @Test
    void invalid_settings_are_refused_with_every_problem_and_nothing_is_requested() {
        var world = TypeWorld.keybox(jdbc);
        var bad = new TypeSettings("Bad Code!", "", "widevine-keybox", Optional.empty(), "no-such-kind", "issued-online", false, true,
                "none", "global-session-key", 7);
        long before = pendingCount();
        try (var anna = as(ANNA)) {
            assertThatThrownBy(() -> types.requestCreate(bad)).isInstanceOf(ChangeRefusedException.class)
                    .hasMessageContaining("The code must be")
                    .hasMessageContaining("Give the type a name")
                    .hasMessageContaining("device-ID kind")
                    .hasMessageContaining("Only X.509 certificates can be issued online")
                    .hasMessageContaining("needs a key agreement")
                    .hasMessageContaining("1 to 5 approvers");
            var taken = world.newShared("").withName("Taken");
            var duplicate = new TypeSettings(world.typeCode, "Copy", taken.credentialKind(), taken.owner(), taken.deviceIdKind(),
                    taken.bindingMode(), false, true, "x25519", "unique-per-device", 1);
            assertThatThrownBy(() -> types.requestCreate(duplicate)).hasMessageContaining("exists already");
        }
        assertThat(pendingCount()).isEqualTo(before);
        assertThat(jdbc.sql("""
                        select count(*) from audit_event
                        where action = 'CONFIG_CHANGE_REQUESTED' and outcome = 'failed' and target in (?, ?)""")
                .params("type/Bad Code!", "type/" + world.typeCode).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void a_change_against_settings_that_moved_is_refused_when_made_and_when_approved() {
        var world = TypeWorld.keybox(jdbc);
        ChangeRequest first;
        ChangeRequest second;
        try (var anna = as(ANNA)) {
            var seen = types.type(world.type).orElseThrow().settings();
            first = types.edit(world.type, seen, withKeyAgreement(seen, "x25519")).request().orElseThrow();
            second = types.edit(world.type, seen, withKeyAgreement(seen, "dh-2048")).request().orElseThrow();
        }
        try (var ben = as(BEN)) {
            ConfirmedApproval.approve(changes, stepUp, first.id());
            assertThatThrownBy(() -> ConfirmedApproval.approve(changes, stepUp, second.id())).isInstanceOf(ChangeRefusedException.class)
                    .hasMessageContaining("changed since this request");
            var stale = withKeyAgreement(types.type(world.type).orElseThrow().settings(), "ecdh-p256");
            var old = withKeyAgreement(stale, "ecdh-p256");
            assertThatThrownBy(() -> types.edit(world.type, withKeyAgreement(old, "none"), stale))
                    .isInstanceOf(ChangeRefusedException.class).hasMessageContaining("Someone changed this type");
        }
        assertThat(jdbc.sql("select key_agreement from credential_type where id = ?").param(world.type).query(String.class).single())
                .isEqualTo("x25519");
        assertThat(jdbc.sql("select state from config_change_request where id = ?").param(second.id()).query(String.class).single())
                .isEqualTo("pending");
    }

    @Test
    void kind_device_id_kind_and_binding_mode_are_fixed_once_batches_exist() {
        var world = TypeWorld.keybox(jdbc);
        jdbc.sql("""
                        insert into authorized_list_part (operator_id, credential_type_id, part_number, source_name)
                        values (?, ?, 1, 'part-1.csv')""").params(world.operator.id(), world.type).update();
        try (var anna = as(ANNA)) {
            var seen = types.type(world.type).orElseThrow().settings();
            assertThat(types.type(world.type).orElseThrow().inUse()).isTrue();
            var wanted = new TypeSettings(seen.code(), seen.name(), "playready-model", seen.owner(), "serial", "pre-bound",
                    seen.redeliveryAllowed(), seen.idListRequired(), seen.keyAgreement(), seen.encryptionMode(), 1);
            assertThatThrownBy(() -> types.edit(world.type, seen, wanted)).isInstanceOf(ChangeRefusedException.class)
                    .hasMessageContaining("its kind, device-ID kind, binding mode cannot change");
        }
    }

    @Test
    void an_operators_certificate_template_waits_for_approval_and_gives_the_subject() {
        var world = TypeWorld.onlineCertificates(jdbc);
        var template = new CertificateTemplate(730, "Nordic, Cable AG", "Set-top boxes", "", "", "DE");
        ChangeRequest request;
        try (var anna = as(ANNA)) {
            assertThatThrownBy(() -> types.requestTemplate(world.type, world.operator, Optional.empty(),
                    new CertificateTemplate(0, "", "", "", "", "Germany"))).isInstanceOf(ChangeRefusedException.class)
                    .hasMessageContaining("validity must be").hasMessageContaining("two-letter ISO 3166 code");
            request = types.requestTemplate(world.type, world.operator, Optional.empty(), template);
            assertThat(types.templates(world.type)).singleElement().satisfies(t -> assertThat(t.template()).isEmpty());
        }
        try (var ben = as(BEN)) {
            ConfirmedApproval.approve(changes, stepUp, request.id());
            var saved = types.templates(world.type).getFirst();
            assertThat(saved.template()).contains(template);
            assertThat(saved.approvedBy()).contains(BEN);
            assertThat(saved.template().orElseThrow().subjectFor("001A2B3C4D5E"))
                    .isEqualTo("CN=001A2B3C4D5E, OU=Set-top boxes, O=Nordic\\, Cable AG, C=DE");
            assertThat(types.history(world.type)).extracting(h -> h.setting() + " " + h.operatorName().orElse(""))
                    .containsExactlyInAnyOrder("Certificate validity Type tenant " + world.run,
                            "Certificate subject OU Type tenant " + world.run, "Certificate subject O Type tenant " + world.run,
                            "Certificate subject C Type tenant " + world.run);
        }
        var keybox = TypeWorld.keybox(jdbc);
        try (var anna = as(ANNA)) {
            assertThatThrownBy(() -> types.requestTemplate(keybox.type, keybox.operator, Optional.empty(), template))
                    .hasMessageContaining("Only online-issued types");
        }
    }

    @Test
    void the_database_refuses_a_history_row_approved_by_its_requester_and_a_session_key_without_key_agreement() {
        var world = TypeWorld.keybox(jdbc);
        long request = jdbc.sql("""
                        insert into config_change_request (kind, target, summary, proposed, requested_by, requested_at, expires_at)
                        values ('credential-type-change', 't', 's', '{}', 'x', now(), now() + interval '1 day') returning id""")
                .query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into credential_type_history (credential_type_id, version, setting, old_value, new_value,
                            requested_by, approved_by, change_request_id, changed_at)
                        values (?, 2, 'Key agreement', 'a', 'b', 'pki.anna', 'pki.anna', ?, now())""")
                .params(world.type, request).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("""
                        update credential_type set key_agreement = 'none', encryption_mode = 'global-session-key' where id = ?""")
                .param(world.type).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    private static TypeSettings withKeyAgreement(TypeSettings s, String keyAgreement) {
        return new TypeSettings(s.code(), s.name(), s.credentialKind(), s.owner(), s.deviceIdKind(), s.bindingMode(),
                s.redeliveryAllowed(), s.idListRequired(), keyAgreement, s.encryptionMode(), s.approvalsRequired());
    }

    private long pendingCount() {
        return jdbc.sql("select count(*) from config_change_request where state = 'pending'").query(Long.class).single();
    }

    private List<String> audit(String action, String target) {
        return jdbc.sql("select actor || ' ' || outcome from audit_event where action = ? and target = ? order by seq")
                .params(action, target).query(String.class).list();
    }

    private static SignedIn as(String user) {
        return SignedIn.as(SignedIn.user(user, Optional.empty(), Roles.PKI_OPS));
    }
}
