-- Webhook endpoints (docs/decisions/034-webhooks.md): HTTPS addresses that receive the portal's events.
-- An endpoint with an operator belongs to that operator's staff and receives that operator's events
-- only; an endpoint without one is registered by PKI operations and receives the events of every
-- operator and the PKI-wide ones. Row-level security (V36) keeps operator staff to their own rows:
-- a PKI-wide endpoint (null operator) is seen only by a session that sees all operators.
create table webhook_endpoint (
    id                bigint generated always as identity primary key,
    operator_id       smallint references operator,
    name              text        not null check (btrim(name) <> '' and length(name) <= 100),
    -- The service refuses anything but https:// (a local-only switch allows http:// for development).
    url               text        not null check (url ~ '^https?://' and length(url) <= 2000),
    -- How the body is written: the documented JSON event, a Slack or a Microsoft Teams incoming webhook message.
    format            text        not null check (format in ('json', 'slack', 'teams')),
    -- Event types the endpoint subscribed to, e.g. 'pool.alert.raised' (WebhookEventType).
    event_types       text[]      not null check (cardinality(event_types) > 0),
    -- The signing secret, AES-256-GCM encrypted with portal.webhooks.secret-key (12-byte nonce, then
    -- the ciphertext and tag). It must be reversible to sign; it never leaves the service in clear
    -- except once, to the person who registered the endpoint.
    secret_ciphertext bytea       not null,
    enabled           boolean     not null default true,
    created_by        text        not null,
    created_at        timestamptz not null default now()
);

create index webhook_endpoint_operator_idx on webhook_endpoint (operator_id);

select protect_operator_rows('webhook_endpoint');

comment on column webhook_endpoint.secret_ciphertext is
    'The signing secret, encrypted with the portal''s webhook secret key; never exported, logged or shown again.';
