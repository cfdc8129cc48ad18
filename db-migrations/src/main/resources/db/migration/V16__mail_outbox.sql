-- Transactional outbox of e-mails: rows are written in the transaction of the business change that
-- caused them, and a sender delivers them later with retries. Senders on several nodes claim rows
-- with "for update skip locked", so a message is never sent twice by two nodes.
create table mail_outbox (
    id              bigint generated always as identity primary key,
    notification_id bigint      not null references notification on delete cascade,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    -- stable across retries, so a receiver can recognise a message that arrives twice after a crash
    message_id      text        not null unique,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    -- set when delivered: 'smtp' to a mail server, 'log' when no server is configured (development)
    sent_at         timestamptz,
    sent_via        text check (sent_via in ('smtp', 'log')),
    -- set when the sender gave up after its last attempt
    failed_at       timestamptz,
    last_error      text,
    created_at      timestamptz not null default now(),
    unique (notification_id, recipient),
    check ((sent_at is null) = (sent_via is null))
);

-- The sender's work queue: only rows still to deliver.
create index mail_outbox_due on mail_outbox (next_attempt_at) where sent_at is null and failed_at is null;
