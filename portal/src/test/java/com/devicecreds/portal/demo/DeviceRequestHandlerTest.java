package com.devicecreds.portal.demo;

import static com.devicecreds.portal.demo.ProvisioningOutcome.BAD_CHAIN_OR_SIGNATURE;
import static com.devicecreds.portal.demo.ProvisioningOutcome.CERTIFICATE_REVOKED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.DELIVERED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.MODEL_NOT_AUTHORIZED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.NOT_ON_AUTHORIZED_LIST;
import static com.devicecreds.portal.demo.ProvisioningOutcome.NO_CREDENTIAL_FOR_DEVICE;
import static com.devicecreds.portal.demo.ProvisioningOutcome.OPERATOR_NOT_AUTHORIZED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.REDELIVERED;
import static com.devicecreds.portal.demo.ProvisioningOutcome.UNKNOWN_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@PortalTest
class DeviceRequestHandlerTest {

    private static final String REVOKED = TestPools.mac(666);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;

    DeviceRequestHandler handler;
    TestPools pools;

    @BeforeEach
    void setUp() {
        handler = new DeviceRequestHandler(jdbc, transactions, clock, REVOKED::equals);
        pools = new TestPools(jdbc, JdbcClient.create(schemaOwner));
    }

    @Test
    void a_pre_bound_type_delivers_the_credential_made_for_that_device_and_nothing_to_others() {
        var type = pools.newType(pools.operator("nordkabel"), "pre-bound", false, true, pools.newModel());
        String mine = TestPools.mac(1);
        String other = TestPools.mac(2);
        long made = pools.addPrebound(type, mine);
        pools.addPrebound(type, other);
        String listedWithout = TestPools.mac(3);
        List.of(mine, listedWithout).forEach(d -> pools.putOnList(type, d));

        var first = handler.handle(pools.request(type, mine));
        var again = handler.handle(pools.request(type, mine));
        var without = handler.handle(pools.request(type, listedWithout));

        assertThat(first.outcome()).isEqualTo(DELIVERED);
        assertThat(first.credentialId()).contains(made);
        assertThat(again.outcome()).as("no re-delivery for this type").isEqualTo(NO_CREDENTIAL_FOR_DEVICE);
        assertThat(without.outcome()).isEqualTo(NO_CREDENTIAL_FOR_DEVICE);
        assertThat(jdbc.sql("select state from credential where prebound_device_id = ? and credential_type_id = ?")
                .params(other, type.id()).query(String.class).single()).isEqualTo("available");
    }

    @Test
    void a_device_asking_again_gets_the_same_credential_when_the_type_allows_re_delivery() {
        var type = pools.newType(pools.operator("sunwave"), "next-available", true, false, pools.newModel());
        pools.addAvailable(type, 5);

        var first = handler.handle(pools.request(type, TestPools.mac(10)));
        var again = handler.handle(pools.request(type, TestPools.mac(10)));

        assertThat(again.outcome()).isEqualTo(REDELIVERED);
        assertThat(again.credentialId()).isEqualTo(first.credentialId());
        assertThat(event(again.eventId())).containsExactly("re-delivered", null, String.valueOf(first.credentialId().orElseThrow()));
    }

    @Test
    void each_failed_check_is_recorded_with_its_reason_and_binds_nothing() {
        short nordkabel = pools.operator("nordkabel");
        int model = pools.newModel();
        var type = pools.newType(nordkabel, "next-available", false, true, model);
        pools.addAvailable(type, 5);
        String listed = TestPools.mac(20);
        pools.putOnList(type, listed);
        pools.putOnList(type, REVOKED);

        var unsigned = new DeviceRequest(nordkabel, type.id(), listed, model, false, "n");
        var unknownModel = new DeviceRequest(nordkabel, type.id(), listed, -1, true, "n");
        var otherModel = new DeviceRequest(nordkabel, type.id(), listed, pools.newModel(), true, "n");
        var otherOperator = new DeviceRequest(pools.operator("baltcom"), type.id(), listed, model, true, "n");

        assertThat(handler.handle(unsigned).outcome()).isEqualTo(BAD_CHAIN_OR_SIGNATURE);
        assertThat(handler.handle(pools.request(type, REVOKED)).outcome()).isEqualTo(CERTIFICATE_REVOKED);
        assertThat(handler.handle(unknownModel).outcome()).isEqualTo(UNKNOWN_MODEL);
        assertThat(handler.handle(otherOperator).outcome()).isEqualTo(OPERATOR_NOT_AUTHORIZED);
        assertThat(handler.handle(otherModel).outcome()).isEqualTo(MODEL_NOT_AUTHORIZED);
        assertThat(handler.handle(pools.request(type, TestPools.mac(21))).outcome()).isEqualTo(NOT_ON_AUTHORIZED_LIST);
        assertThat(jdbc.sql("select count(*) from credential where credential_type_id = ? and state = 'bound'")
                .param(type.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from provisioning_event
                        where credential_type_id = ? and outcome = 'rejected' and credential_id is null""")
                .param(type.id()).query(Long.class).single()).isEqualTo(6);
    }

    @Test
    void a_mac_reported_with_separators_is_stored_normalized_and_a_malformed_one_is_refused() {
        var type = pools.newType(pools.operator("alpenfunk"), "next-available", false, false, pools.newModel());
        pools.addAvailable(type, 1);

        var result = handler.handle(pools.request(type, "02:00:00:00:00:2a"));

        assertThat(jdbc.sql("select device_id from provisioning_event where id = ?").param(result.eventId())
                .query(String.class).single()).isEqualTo("02000000002A");
        assertThatThrownBy(() -> handler.handle(pools.request(type, "not-a-mac")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_issued_online_type_makes_a_bound_credential_for_each_new_device() {
        var type = pools.newType(pools.operator("iberia-tv"), "issued-online", true, false, pools.newModel());

        var first = handler.handle(pools.request(type, TestPools.mac(30)));
        var second = handler.handle(pools.request(type, TestPools.mac(31)));

        assertThat(List.of(first.outcome(), second.outcome())).containsOnly(DELIVERED);
        assertThat(first.credentialId()).isNotEqualTo(second.credentialId());
        assertThat(jdbc.sql("select record_count from credential_batch where id = ?").param(type.batch())
                .query(Integer.class).single()).isEqualTo(2);
    }

    private List<String> event(long id) {
        return jdbc.sql("select outcome, rejection_reason, credential_id::text from provisioning_event where id = ?")
                .param(id).query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
    }
}
