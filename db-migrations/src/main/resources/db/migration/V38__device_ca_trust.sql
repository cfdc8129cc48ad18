-- Configuration changes under dual control, and the device CA certificates and revocation lists the
-- provisioning service trusts per (operator, credential type)
-- (docs/decisions/020-device-ca-trust-and-config-dual-control.md).

-- A proposed change to security-relevant configuration: nothing changes until a second person
-- approves it, and then it is applied in the approver's transaction. Kinds are registered by the
-- features that own them ('device-ca-add', 'device-ca-remove', ...); the proposal is a flat JSON object.
create table config_change_request (
    id           bigint      generated always as identity primary key,
    kind         text        not null check (kind ~ '^[a-z0-9-]+$'),
    -- The operator whose configuration changes; null for configuration of no single operator.
    operator_id  smallint    references operator,
    target       text        not null,
    summary      text        not null,
    proposed     jsonb       not null check (jsonb_typeof(proposed) = 'object'),
    requested_by text        not null,
    requested_at timestamptz not null,
    expires_at   timestamptz not null check (expires_at > requested_at),
    state        text        not null default 'pending'
                             check (state in ('pending', 'applied', 'rejected', 'withdrawn', 'expired')),
    decided_by   text,
    decided_at   timestamptz,
    reason       text        check (reason is null or btrim(reason) <> ''),
    -- Dual control: the requester never approves or rejects their own request (withdrawing is
    -- theirs alone, and expiry is the system's).
    check (decided_by is null or state in ('withdrawn', 'expired') or decided_by <> requested_by),
    check (state <> 'withdrawn' or decided_by = requested_by),
    check ((state = 'pending') = (decided_at is null)),
    check (state not in ('applied', 'rejected') or decided_by is not null),
    check (state <> 'rejected' or reason is not null)
);

create index config_change_request_pending_idx on config_change_request (requested_at) where state = 'pending';
create index config_change_request_target_idx on config_change_request (target, requested_at desc);
select protect_operator_rows('config_change_request');

-- A device root or sub-CA certificate trusted for one (operator, credential type). Rows are never
-- deleted: a removal sets removed_at, so the history of the pair stays readable.
create table device_ca (
    id                 bigint      generated always as identity primary key,
    operator_id        smallint    not null references operator,
    credential_type_id integer     not null references credential_type,
    fingerprint_sha256 text        not null check (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
    subject            text        not null,
    issuer             text        not null,
    serial_hex         text        not null,
    not_before         timestamptz not null,
    not_after          timestamptz not null,
    key_algorithm      text        not null,
    key_size           integer     not null check (key_size > 0),
    is_root            boolean     not null,
    -- The trusted CA that issued this one (null for a root).
    parent_id          bigint      references device_ca,
    certificate_der    bytea       not null,
    -- Where the CA publishes its CRL: from the certificate's cRLDistributionPoints, or set by hand.
    crl_url            text        check (crl_url is null or crl_url ~ '^https?://'),
    crl_url_source     text        check (crl_url_source in ('certificate', 'manual')),
    added_by           text        not null,
    approved_by        text        not null check (approved_by <> added_by),
    added_at           timestamptz not null,
    change_request_id  bigint      not null references config_change_request,
    removed_at         timestamptz,
    removed_by         text,
    check (not_before < not_after),
    check (is_root = (parent_id is null)),
    check ((crl_url is null) = (crl_url_source is null)),
    check ((removed_at is null) = (removed_by is null))
);

create unique index device_ca_trusted_once_idx on device_ca (operator_id, credential_type_id, fingerprint_sha256)
    where removed_at is null;
create index device_ca_pair_idx on device_ca (operator_id, credential_type_id);
select protect_operator_rows('device_ca');

-- The current revocation list of a trusted CA: the newest one loaded (uploaded or fetched). Its
-- signature was verified with the CA's key and its issuer matched before it was stored.
create table device_ca_crl (
    device_ca_id  bigint      primary key references device_ca,
    operator_id   smallint    not null references operator,
    crl_der       bytea       not null,
    this_update   timestamptz not null,
    next_update   timestamptz,
    revoked_count integer     not null check (revoked_count >= 0),
    source        text        not null check (source in ('upload', 'fetch')),
    loaded_by     text        not null,
    loaded_at     timestamptz not null
);

select protect_operator_rows('device_ca_crl');

-- Alerts on trusted CAs: 'expiring' (valid for fewer than the configured days) and 'crl-stale'
-- (the CRL is past its next update). One open alert per CA and kind; resolved when the cause is gone.
create table device_ca_alert (
    id           bigint      generated always as identity primary key,
    device_ca_id bigint      not null references device_ca,
    operator_id  smallint    not null references operator,
    kind         text        not null check (kind in ('expiring', 'crl-stale')),
    raised_at    timestamptz not null,
    summary      text        not null,
    resolved_at  timestamptz,
    check (resolved_at is null or resolved_at >= raised_at)
);

create unique index device_ca_alert_open_idx on device_ca_alert (device_ca_id, kind) where resolved_at is null;
select protect_operator_rows('device_ca_alert');
