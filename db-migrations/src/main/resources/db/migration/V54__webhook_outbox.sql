-- The webhook outbox (docs/decisions/034-webhooks.md, after the e-mail outbox of decision 009).
-- A webhook_event row is written in the transaction of what it reports (an alert, an activation, a
-- go-ahead, a report sent), so it commits or rolls back with it. The sender job, which runs as the
-- system and sees every operator, fans each event out to the matching endpoints as webhook_delivery
-- rows and delivers those at least once, with back-off, until they succeed or are given up.
create table webhook_event (
    id            bigint generated always as identity primary key,
    -- The event's id in its JSON document, the same for every endpoint that receives it.
    event_id      uuid        not null unique,
    type          text        not null,
    -- The operator whose event it is; null for PKI-wide events (credential batches), which only
    -- PKI-wide endpoints receive.
    operator_id   smallint references operator,
    occurred_at   timestamptz not null,
    -- The JSON event document (docs/webhooks.md) as endpoints of format 'json' receive it.
    payload       text        not null,
    -- A test event is for this endpoint only ("Send test event").
    test_endpoint_id bigint references webhook_endpoint on delete cascade,
    fanned_out_at timestamptz
);

create index webhook_event_pending_idx on webhook_event (id) where fanned_out_at is null;

create table webhook_delivery (
    id              bigint generated always as identity primary key,
    -- Sent as X-Portal-Delivery, the same on every attempt, so that receivers drop repeats.
    delivery_id     uuid        not null unique,
    endpoint_id     bigint      not null references webhook_endpoint on delete cascade,
    event_id        bigint      not null references webhook_event on delete cascade,
    -- The endpoint's operator, copied for row-level security.
    operator_id     smallint references operator,
    event_type      text        not null,
    -- The exact body sent on every attempt (and signed with the attempt's timestamp).
    body            text        not null,
    created_at      timestamptz not null default now(),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_status     integer,
    last_error      text,
    delivered_at    timestamptz,
    -- Given up after portal.webhooks.max-attempts.
    failed_at       timestamptz,
    unique (endpoint_id, event_id)
);

create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at)
    where delivered_at is null and failed_at is null;
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, created_at desc);

select protect_operator_rows(t) from unnest(array['webhook_event', 'webhook_delivery']::regclass[]) t;
