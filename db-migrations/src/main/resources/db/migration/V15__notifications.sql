-- In-app notifications: one row per event worth telling people about, addressed to roles (and,
-- for operator staff, to one operator). Read state is per user, so a notification for a role is
-- read or unread for each of its members separately.
create table notification (
    id             bigint generated always as identity primary key,
    created_at     timestamptz not null default now(),
    -- role names from com.devicecreds.access.Roles; a user sees the notification when they hold one
    audience_roles text[]      not null check (cardinality(audience_roles) > 0),
    -- set when operator staff are in the audience: only that operator's staff see it
    operator_id    smallint references operator,
    title          text        not null,
    body           text        not null,
    -- a route inside the portal, e.g. 'notifications'
    link           text,
    -- what caused it (e.g. 'pool-alert-raised' and the alert id): the same cause never notifies twice
    source_kind    text        not null,
    source_id      text        not null,
    unique (source_kind, source_id)
);

create index notification_newest_first on notification (created_at desc, id desc);

-- Who has read what. No row means unread.
create table notification_read (
    notification_id bigint      not null references notification on delete cascade,
    username        text        not null,
    read_at         timestamptz not null default now(),
    primary key (notification_id, username)
);

comment on table notification is 'In-app notifications addressed to roles; source_kind/source_id make publishing idempotent.';
