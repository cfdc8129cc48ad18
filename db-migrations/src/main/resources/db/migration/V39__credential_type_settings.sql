-- Credential type settings edited in the admin console, their version history, and the per-operator
-- certificate templates of online-issued types (docs/decisions/021-credential-type-editor.md).

-- How the service wraps a credential for the device. The key agreement gives the one-time session
-- key; a globally encrypted credential (the paper's group key) is only safe under such a session key,
-- so 'global-session-key' needs a key agreement. 'unique-per-device' credentials are encrypted for one
-- device already and may skip it.
alter table credential_type
    add column key_agreement   text    not null default 'ecdh-p256'
                                       check (key_agreement in ('none', 'dh-2048', 'ecdh-p256', 'x25519')),
    add column encryption_mode text    not null default 'unique-per-device'
                                       check (encryption_mode in ('unique-per-device', 'global-session-key')),
    -- Counts every change applied to the type, its authorizations and its templates (the history's
    -- versions); a change request names the version it was made against and is refused when it moved.
    add column version         integer not null default 1 check (version > 0),
    add column updated_at      timestamptz,
    add constraint credential_type_session_key_check
        check (encryption_mode <> 'global-session-key' or key_agreement <> 'none');

-- Online-issued certificates are made from a global origin key in the paper's use case, so they travel
-- under a session key.
update credential_type set encryption_mode = 'global-session-key' where binding_mode = 'issued-online';

-- Every applied change to a credential type, one row per setting: who asked, who approved (null for
-- the settings outside dual control, such as the display name), when, and old -> new. Rows of one
-- operator's part of a type (its template, its authorization, its device models) carry the operator.
create table credential_type_history (
    id                 bigint      generated always as identity primary key,
    credential_type_id integer     not null references credential_type,
    version            integer     not null check (version > 0),
    operator_id        smallint    references operator,
    setting            text        not null,
    old_value          text,
    new_value          text,
    requested_by       text        not null,
    approved_by        text        check (approved_by is null or approved_by <> requested_by),
    change_request_id  bigint      references config_change_request,
    changed_at         timestamptz not null,
    check ((approved_by is null) = (change_request_id is null)),
    check (old_value is distinct from new_value)
);

create index credential_type_history_type_idx on credential_type_history (credential_type_id, version desc, id);

-- Operator staff see the type-wide rows of the types they see (credential_type's own policies decide
-- which) and the rows of their own operator; PKI ops and the other all-operator roles see everything.
alter table credential_type_history enable row level security;
create policy operator_rows on credential_type_history
    using ((select session_sees_all_operators())
           or operator_id = any ((select session_operators())::smallint[])
           or (operator_id is null
               and exists (select 1 from credential_type t where t.id = credential_type_history.credential_type_id)));

-- The paper's operator-specific certificate template for online-issued types: the final certificate
-- carries the device ID as its common name; the template sets the validity and the other subject
-- attributes, per operator authorized for the type.
create table certificate_template (
    credential_type_id  integer     not null,
    operator_id         smallint    not null references operator,
    validity_days       integer     not null check (validity_days between 1 and 10950),
    organization        text        check (organization is null or length(organization) between 1 and 64),
    organizational_unit text        check (organizational_unit is null or length(organizational_unit) between 1 and 64),
    locality            text        check (locality is null or length(locality) between 1 and 128),
    state_or_province   text        check (state_or_province is null or length(state_or_province) between 1 and 128),
    country             text        check (country is null or country ~ '^[A-Z]{2}$'),
    updated_at          timestamptz not null,
    requested_by        text        not null,
    approved_by         text        not null check (approved_by <> requested_by),
    change_request_id   bigint      not null references config_change_request,
    primary key (credential_type_id, operator_id),
    foreign key (credential_type_id, operator_id) references type_authorization (credential_type_id, operator_id)
);

select protect_operator_rows('certificate_template');
