-- One row per device and operator with the summary device search lists: kind, requests, first and
-- last seen (decision 035). A prefix search reads at most a few dozen of these rows from one
-- B-tree range instead of every matching device's events in every monthly partition.
--
-- Kept exact by a statement-level trigger on provisioning_event that adds each statement's events
-- to the rows of their devices (insert or update, in key order). Unlike the usage rollups, there is
-- no hot shared row: two writers only wait for each other when they record requests of the same
-- device for the same operator at the same time, and taking the rows in key order means two
-- statements cannot deadlock on them. Events are never updated or deleted; dropping an old
-- partition (retention) keeps the summary, like the usage rollups.
create table device_summary (
    -- Collation C like provisioning_event.device_id, so that a prefix is a range of the primary key.
    device_id      text collate "C" not null,
    operator_id    smallint not null,
    -- The least kind of the device's events (device search shows one kind per device).
    device_id_kind text not null,
    events         bigint not null check (events > 0),
    first_seen     timestamptz not null,
    last_seen      timestamptz not null,
    primary key (device_id, operator_id),
    check (first_seen <= last_seen)
) with (fillfactor = 90); -- room for in-place (HOT) updates: no indexed column ever changes

-- Operator staff see the summaries of their own operator's devices only (decision 018).
select protect_operator_rows('device_summary');

-- Runs as the inserting role, so the policy also checks the summary rows a statement writes: a
-- statement may only record events of operators its session may write, and touches only their rows.
create function device_summary_record() returns trigger
    language plpgsql as
$$
begin
    insert into device_summary as s (device_id, operator_id, device_id_kind, events, first_seen, last_seen)
    select device_id, operator_id, min(device_id_kind), count(*), min(occurred_at), max(occurred_at)
    from new_rows
    group by device_id, operator_id
    order by device_id, operator_id
    on conflict (device_id, operator_id) do update
        set device_id_kind = least(s.device_id_kind, excluded.device_id_kind),
            events         = s.events + excluded.events,
            first_seen     = least(s.first_seen, excluded.first_seen),
            last_seen      = greatest(s.last_seen, excluded.last_seen);
    return null;
end;
$$;

-- On the partitioned root, like the usage trigger (V22): rows inserted through it, COPY included,
-- are all in new_rows. Creating the trigger locks out inserts until this migration commits, so the
-- backfill below and the trigger together count every event exactly once.
create trigger provisioning_event_device_summary after insert on provisioning_event
    referencing new table as new_rows for each statement execute function device_summary_record();

-- The events already present: one pass over the events, in device order (the demo world's million
-- events take a few seconds).
insert into device_summary (device_id, operator_id, device_id_kind, events, first_seen, last_seen)
select device_id, operator_id, min(device_id_kind), count(*), min(occurred_at), max(occurred_at)
from provisioning_event
group by device_id, operator_id;

analyze device_summary;
