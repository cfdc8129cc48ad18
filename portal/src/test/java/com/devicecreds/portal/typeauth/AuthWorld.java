package com.devicecreds.portal.typeauth;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.change.ConfirmedApproval;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.security.SignedIn;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh type owned by and authorized for one operator (with model X1), another operator not yet
 * authorized, and two models of the catalogue, written with SQL; and dual control by two PKI operators.
 * The type is issued online, so it has no pool for the inventory alerts to raise notifications about.
 */
public final class AuthWorld {

    public static final String ANNA = "pki.anna";
    public static final String BEN = "pki.ben";

    public final String run = UUID.randomUUID().toString().substring(0, 8);
    public final OperatorRef owner;
    public final OperatorRef other;
    public final String ownerName = "Owner " + run;
    public final String otherName = "Kabelnetz " + run;
    public final int x1;
    public final int x2;
    public final int type;
    public final String typeCode = "ta-" + run;
    public final String typeName = "Widevine " + run;

    public AuthWorld(JdbcClient jdbc) {
        owner = operator(jdbc, "ta-own-" + run, ownerName);
        other = operator(jdbc, "ta-oth-" + run, otherName);
        x1 = model(jdbc, "X1-" + run);
        x2 = model(jdbc, "X2-" + run);
        type = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode,
                                                     id_list_required)
                        values (?, ?, 'x509-device', ?, 'mac', 'issued-online', false) returning id""")
                .params(typeCode, typeName, owner.id()).query(Integer.class).single();
        jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(type, owner.id()).update();
        jdbc.sql("insert into model_authorization (credential_type_id, operator_id, device_model_id) values (?, ?, ?)")
                .params(type, owner.id(), x1).update();
    }

    public String x1Label() {
        return "Acme X1-" + run;
    }

    public String x2Label() {
        return "Acme X2-" + run;
    }

    /** Anna requests, Ben confirms his password and approves. */
    public static ChangeRequest approved(ConfigChangeService changes, ApproverStepUp stepUp,
            java.util.function.Supplier<ChangeRequest> request) {
        ChangeRequest requested;
        try (var anna = pki(ANNA)) {
            requested = request.get();
        }
        try (var ben = pki(BEN)) {
            return ConfirmedApproval.approve(changes, stepUp, requested.id());
        }
    }

    public static SignedIn pki(String user) {
        return SignedIn.as(SignedIn.user(user, Optional.empty(), Roles.PKI_OPS));
    }

    public static Set<Integer> models(int... ids) {
        return java.util.Arrays.stream(ids).boxed().collect(java.util.stream.Collectors.toSet());
    }

    private static OperatorRef operator(JdbcClient jdbc, String code, String name) {
        short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id").params(code, name)
                .query(Short.class).single();
        return new OperatorRef(id, code);
    }

    private static int model(JdbcClient jdbc, String name) {
        return jdbc.sql("insert into device_model (manufacturer, name) values ('Acme', ?) returning id").param(name)
                .query(Integer.class).single();
    }
}
