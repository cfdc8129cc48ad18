package com.devicecreds.portal.demo;

import static com.devicecreds.portal.demo.ProvisioningOutcome.DELIVERED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.MODEL_NOT_AUTHORIZED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.OPERATOR_NOT_AUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.database.SchemaOwner;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.typeauth.AuthWorld;
import com.devicecreds.portal.typeauth.TypeAuthorizationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The provisioning simulator follows the authorization rules as approved through the portal: a
 * removed model is refused, a revoked operator is refused, and a re-authorized one is served again;
 * the simulator keeps letting a revoked operator's devices ask, so the refusals reach the reports.
 */
@PortalTest
class DeviceRequestsAfterAuthorizationChangesTest {

    private static final AtomicLong DEVICES = new AtomicLong(7_000_000);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;
    @Autowired
    TypeAuthorizationService authorizations;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;

    @Test
    void approved_model_removal_revocation_and_re_authorization_decide_the_next_requests() {
        var handler = new DeviceRequestHandler(jdbc, transactions, clock, device -> false);
        var pools = new TestPools(jdbc, JdbcClient.create(schemaOwner));
        String code = "sim-" + UUID.randomUUID().toString().substring(0, 8);
        short operatorId = jdbc.sql("insert into operator (code, name) values (?, ?) returning id").params(code, "Sim " + code)
                .query(Short.class).single();
        var operator = new OperatorRef(operatorId, code);
        int first = pools.newModel();
        int second = pools.newModel();
        var type = pools.newType(operatorId, "next-available", false, false, first);
        // A shared type the operator is authorized for (an owner could not be revoked).
        jdbc.sql("update credential_type set owner_operator_id = null where id = ?").param(type.id()).update();
        pools.addAvailable(type, 10);

        assertThat(ask(handler, type, first)).isEqualTo(DELIVERED);

        AuthWorld.approved(changes, stepUp, () -> authorizations.requestModelChange(type.id(), operator, Set.of(second), Set.of(first)));
        assertThat(ask(handler, type, first)).isEqualTo(MODEL_NOT_AUTHORIZED);
        assertThat(ask(handler, type, second)).isEqualTo(DELIVERED);

        AuthWorld.approved(changes, stepUp, () -> authorizations.requestRevoke(type.id(), operator, "Contract ended"));
        assertThat(ask(handler, type, second)).isEqualTo(OPERATOR_NOT_AUTHORIZED);
        assertThat(new SimulatedWorld(jdbc).load()).as("its devices keep asking")
                .anyMatch(f -> f.operatorId == operatorId && f.typeId == type.id());

        AuthWorld.approved(changes, stepUp, () -> authorizations.requestGrant(type.id(), operator, Set.of(second)));
        assertThat(ask(handler, type, second)).isEqualTo(DELIVERED);
        assertThat(ask(handler, type, first)).isEqualTo(MODEL_NOT_AUTHORIZED);
    }

    private ProvisioningOutcome ask(DeviceRequestHandler handler, TestPools.Type type, int model) {
        return handler.handle(new DeviceRequest(type.operator(), type.id(), TestPools.mac(DEVICES.incrementAndGet()), model, true,
                "test-node")).outcome();
    }
}
