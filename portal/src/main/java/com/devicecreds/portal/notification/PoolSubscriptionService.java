package com.devicecreds.portal.notification;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who besides PKI operations' address list receives a pool's alerts by e-mail. Managed by PKI
 * operations and administrators; the addresses are people outside the portal's roles.
 */
@Service
class PoolSubscriptionService {

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;

    PoolSubscriptionService(JdbcClient jdbc, CurrentActor currentActor) {
        this.jdbc = jdbc;
        this.currentActor = currentActor;
    }

    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN})
    @Transactional(readOnly = true)
    public List<Pool> pools() {
        return jdbc.sql("select id, name from credential_type where binding_mode <> 'issued-online' order by name")
                .query((rs, n) -> new Pool(rs.getInt(1), rs.getString(2))).list();
    }

    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN})
    @Transactional(readOnly = true)
    public List<Subscription> subscriptions() {
        return jdbc.sql("""
                        select s.credential_type_id, t.name, s.email, s.created_by from pool_subscription s
                        join credential_type t on t.id = s.credential_type_id order by t.name, s.email""")
                .query((rs, n) -> new Subscription(new Pool(rs.getInt(1), rs.getString(2)), rs.getString(3), rs.getString(4)))
                .list();
    }

    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN})
    @Transactional
    public void subscribe(int credentialTypeId, String email) {
        String address = email.trim();
        if (!address.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("Not an e-mail address: " + email);
        }
        jdbc.sql("""
                        insert into pool_subscription (credential_type_id, email, created_by) values (?, ?, ?)
                        on conflict do nothing""")
                .params(credentialTypeId, address, currentActor.actor().username()).update();
    }

    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN})
    @Transactional
    public void unsubscribe(int credentialTypeId, String email) {
        jdbc.sql("delete from pool_subscription where credential_type_id = ? and email = ?")
                .params(credentialTypeId, email).update();
    }

    record Pool(int id, String name) {
    }

    record Subscription(Pool pool, String email, String createdBy) {
    }
}
