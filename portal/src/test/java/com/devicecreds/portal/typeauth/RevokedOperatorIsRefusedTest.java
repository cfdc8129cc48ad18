package com.devicecreds.portal.typeauth;

import static com.devicecreds.portal.typeauth.AuthWorld.models;
import static com.devicecreds.portal.typeauth.AuthWorld.pki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.devicecreds.inventory.loading.sample.SampleCa;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.deviceca.CaWorld;
import com.devicecreds.portal.deviceca.DeviceCaService;
import com.devicecreds.reporting.lists.ListPartImport;
import com.devicecreds.reporting.lists.ListPartImportService;
import com.devicecreds.reporting.rollout.NewRollout;
import com.devicecreds.reporting.rollout.RolloutRefusedException;
import com.devicecreds.reporting.rollout.RolloutService;
import com.devicecreds.reporting.rollout.RolloutType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rollout planning, list part imports and device CA additions refuse an operator whose authorization was revoked. */
@PortalTest
class RevokedOperatorIsRefusedTest {

    @Autowired
    TypeAuthorizationService service;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    RolloutService rollouts;
    @Autowired
    ListPartImportService lists;
    @Autowired
    DeviceCaService cas;
    @Autowired
    JdbcClient jdbc;

    @Test
    void rollouts_list_parts_and_device_cas_of_a_revoked_operator_are_refused_with_a_clear_message() {
        var w = new AuthWorld(jdbc);
        AuthWorld.approved(changes, stepUp, () -> service.requestGrant(w.type, w.other, models(w.x1)));
        var today = LocalDate.now(ZoneOffset.UTC);
        var plan = new NewRollout(w.other, w.type, "Rollout " + w.run, 10, today, today.plusDays(7), "pm@demo.invalid", List.of());
        try (var anna = pki(AuthWorld.ANNA)) {
            assertThat(rollouts.typeChoices(w.other)).extracting(RolloutType::id).contains(w.type);
            assertThat(rollouts.create(plan).name()).isEqualTo("Rollout " + w.run);
        }
        AuthWorld.approved(changes, stepUp, () -> service.requestRevoke(w.type, w.other, "Contract ended"));
        String day = today.toString();
        try (var anna = pki(AuthWorld.ANNA)) {
            assertThat(rollouts.typeChoices(w.other)).extracting(RolloutType::id).doesNotContain(w.type);
            assertThatThrownBy(() -> rollouts.create(plan)).isInstanceOf(RolloutRefusedException.class)
                    .hasMessageContaining("Operator " + w.other.code() + "'s authorization for that credential type was revoked on "
                            + day + ": its devices are refused");

            var imported = lists.importPart(w.other, w.type, "part-1.csv",
                    new ByteArrayInputStream("0C4F5A0ABBCC\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(imported).isInstanceOf(ListPartImport.Refused.class);
            assertThat(((ListPartImport.Refused) imported).message()).isEqualTo("Operator " + w.other.code()
                    + "'s authorization for that credential type was revoked on " + day
                    + ": no list part is imported until it is authorized again.");

            var root = SampleCa.root("Maker " + w.run, "Root " + w.run, Instant.now().minus(Duration.ofDays(1)),
                    Instant.now().plus(Duration.ofDays(100)), Optional.empty());
            assertThatThrownBy(() -> cas.requestAdd(w.other, w.type, CaWorld.pem(root.certificate())))
                    .isInstanceOf(ChangeRefusedException.class)
                    .hasMessage("Operator " + w.other.code() + "'s authorization for " + w.typeName + " was revoked on " + day
                            + ": no CA is added for it until it is authorized again.");
            assertThat(cas.pairs()).as("existing pairs stay readable")
                    .anyMatch(p -> p.operator().equals(w.other) && p.credentialTypeId() == w.type);
        }
        assertThat(jdbc.sql("select count(*) from authorized_list_part where operator_id = ?").param(w.other.id())
                .query(Long.class).single()).isZero();
    }
}
