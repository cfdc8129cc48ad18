package com.devicecreds.portal.typeversion;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.portal.change.ChangeRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The version history of credential types (V39, decision 021). Every applied change to a type, its
 * authorizations or its certificate templates moves the type to its next version and writes one
 * history row per setting, in the transaction that applies the change. A package of its own, so that
 * the credential type editor and the authorization rules both write it without depending on each other.
 */
@Component
public class TypeVersions {

    private final JdbcClient jdbc;

    TypeVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the type and returns its current version; empty when there is no such type. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Integer> lock(int credentialTypeId) {
        return jdbc.sql("select version from credential_type where id = ? for update")
                .param(credentialTypeId).query(Integer.class).optional();
    }

    /** Records a change approved through dual control: requested by the request's requester, approved by {@code approver}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int recordApproved(int credentialTypeId, Optional<OperatorRef> operator, List<SettingChange> changes,
            ChangeRequest request, String approver, Instant at) {
        return record(credentialTypeId, operator, changes, request.requestedBy(), approver, request.id(), at);
    }

    /** Records the settings of a type just created (its first version, which it has already). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordCreated(int credentialTypeId, List<SettingChange> settings, ChangeRequest request, String approver,
            Instant at) {
        int version = jdbc.sql("select version from credential_type where id = ?").param(credentialTypeId)
                .query(Integer.class).single();
        insert(credentialTypeId, version, Optional.empty(), settings, request.requestedBy(), approver, request.id(), at);
    }

    /** Records a change outside dual control (a display name, say): no approver. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int recordDirect(int credentialTypeId, Optional<OperatorRef> operator, List<SettingChange> changes, String by,
            Instant at) {
        return record(credentialTypeId, operator, changes, by, null, null, at);
    }

    private int record(int credentialTypeId, Optional<OperatorRef> operator, List<SettingChange> changes, String requestedBy,
            String approvedBy, Long requestId, Instant at) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("Nothing changed");
        }
        int version = jdbc.sql("""
                        update credential_type set version = version + 1, updated_at = ? where id = ? returning version""")
                .params(Timestamp.from(at), credentialTypeId).query(Integer.class).single();
        insert(credentialTypeId, version, operator, changes, requestedBy, approvedBy, requestId, at);
        return version;
    }

    private void insert(int credentialTypeId, int version, Optional<OperatorRef> operator, List<SettingChange> changes,
            String requestedBy, String approvedBy, Long requestId, Instant at) {
        for (var change : changes) {
            jdbc.sql("""
                            insert into credential_type_history (credential_type_id, version, operator_id, setting, old_value,
                                new_value, requested_by, approved_by, change_request_id, changed_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(credentialTypeId, version, operator.map(OperatorRef::id).orElse(null), change.setting(),
                            change.oldValue().orElse(null), change.newValue().orElse(null), requestedBy, approvedBy, requestId,
                            Timestamp.from(at))
                    .update();
        }
    }
}
