-- Authorization rules per credential type edited in the admin console under dual control
-- (docs/decisions/022-type-authorization-rules.md).

-- An operator's authorization is revoked, never deleted: rollouts (V35), trusted device CAs (V38),
-- certificate templates (V39), list parts and the type's history point at it, and the operator's
-- events and reports stay readable. Devices of a revoked operator are refused (operator not
-- authorized); re-authorizing clears the revocation. authorized_by and revoked_by name the person
-- who requested the change; change_request_id names the approved request of the last grant or
-- revocation, whose decider approved it. Rows from before V40 (and the demo world's) have no requester.
alter table type_authorization
    add column authorized_by     text,
    add column revoked_at        timestamptz,
    add column revoked_by        text,
    add column revoke_reason     text check (revoke_reason is null or length(revoke_reason) between 1 and 1000),
    add column change_request_id bigint references config_change_request,
    add constraint type_authorization_revocation_check
        check ((revoked_at is null) = (revoked_by is null) and (revoked_at is null) = (revoke_reason is null));

comment on column type_authorization.revoked_at is
    'Set when the operator''s authorization was revoked (devices refused); cleared when it is authorized again.';

-- Model authorizations are deleted when an approved change removes them: nothing points at them, and
-- credential_type_history keeps who authorized and removed which model when. A revocation keeps them,
-- so a re-authorization starts from the operator's last models.
alter table model_authorization
    add column authorized_by     text,
    add column change_request_id bigint references config_change_request;

-- The device model catalogue: registered directly (audited), which authorizes nothing. Blank names
-- are refused here too; the portal refuses a duplicate that differs only in case.
alter table device_model
    add column registered_by text,
    add constraint device_model_names_check check (btrim(manufacturer) <> '' and btrim(name) <> '');
