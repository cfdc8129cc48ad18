-- Provisioning server nodes as their events show them, and the health alerts the node monitor
-- raises: a node silent for too long, or rejecting far more than it usually does. At most one open
-- alert per node and kind, also with several portal nodes evaluating at once.
create table server_node (
    name       text        primary key,
    first_seen timestamptz not null,
    last_seen  timestamptz not null
);

create table node_alert (
    id          bigint      generated always as identity primary key,
    node        text        not null references server_node,
    kind        text        not null check (kind in ('silent', 'rejection-spike')),
    raised_at   timestamptz not null,
    summary     text        not null,
    resolved_at timestamptz,
    check (resolved_at is null or resolved_at >= raised_at)
);

create unique index node_alert_open_idx on node_alert (node, kind) where resolved_at is null;
create index node_alert_raised_idx on node_alert (raised_at desc);

-- The node monitor reads the last seven days of every operator's usage for each node's usual rate.
create index usage_daily_day_idx on usage_daily (day);
