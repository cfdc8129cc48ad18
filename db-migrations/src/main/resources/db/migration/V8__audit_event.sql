-- The audit trail. Each row carries the keyed hash (HMAC-SHA-256) of its canonical form and of the
-- previous row's hash, so that a changed, removed or inserted row breaks the chain from there on.
-- The key comes from the application's configuration, never from this database.
create table audit_event (
    seq            bigint      primary key,
    occurred_at    timestamptz not null,
    actor          text        not null,
    actor_roles    text        not null,
    operator_code  text,
    action         text        not null,
    target         text        not null default '',
    outcome        text        not null check (outcome in ('success', 'denied', 'failed')),
    -- Canonical JSON (sorted keys) exactly as hashed; kept as text so the hashed bytes are the stored bytes.
    details        text        not null default '{}',
    prev_hash      bytea       not null check (length(prev_hash) = 32),
    row_hash       bytea       not null check (length(row_hash) = 32)
);

create index audit_event_time_idx on audit_event (occurred_at desc);
create index audit_event_actor_idx on audit_event (actor, occurred_at desc);
create index audit_event_action_idx on audit_event (action, occurred_at desc);

-- The head of the chain: one row, locked by each writer, so rows are appended strictly in sequence.
create table audit_chain_head (
    singleton boolean primary key default true check (singleton),
    seq       bigint  not null,
    hash      bytea   not null check (length(hash) = 32)
);

-- The chain starts from a hash of 32 zero bytes at sequence 0.
insert into audit_chain_head (seq, hash) values (0, decode(repeat('00', 32), 'hex'));
