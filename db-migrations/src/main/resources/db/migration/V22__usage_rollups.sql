-- Provisioning usage per UTC day, operator, credential type, outcome, rejection reason and server
-- node, so that reports over months read thousands of rows instead of scanning billions of events.
-- Kept like the pool counters (V13, decision 008): a statement-level trigger on provisioning_event
-- appends one aggregated delta row per group of each inserting statement, so concurrent writers
-- never wait on a shared counter row; a compaction job folds the deltas into usage_daily. A group's
-- count is its usage_daily row plus its pending delta rows (view usage_daily_now).
-- Late events need nothing special: a row is counted on the day of its occurred_at (in UTC),
-- whenever it is inserted. Days are UTC days. See docs/decisions/012-usage-rollups.md.

create table usage_daily (
    day                date     not null,
    operator_id        smallint not null,
    credential_type_id integer  not null,
    outcome            text     not null,
    rejection_reason   text,
    server_node        text     not null,
    requests           bigint   not null,
    -- Reports ask for one operator over a range of days: operator first, then day.
    constraint usage_daily_key unique nulls not distinct
        (operator_id, day, credential_type_id, outcome, rejection_reason, server_node)
);

create table usage_daily_delta (
    id                 bigint   generated always as identity primary key,
    day                date     not null,
    operator_id        smallint not null,
    credential_type_id integer  not null,
    outcome            text     not null,
    rejection_reason   text,
    server_node        text     not null,
    requests           bigint   not null
);

create function usage_record_delta() returns trigger
    language plpgsql as
$$
begin
    insert into usage_daily_delta (day, operator_id, credential_type_id, outcome, rejection_reason, server_node, requests)
    select (occurred_at at time zone 'UTC')::date, operator_id, credential_type_id, outcome, rejection_reason,
           server_node, count(*)
    from new_rows
    group by 1, 2, 3, 4, 5, 6;
    return null;
end;
$$;

-- On the partitioned root: rows inserted through it (as the provisioning service, the simulator and
-- COPY into provisioning_event do) are all in new_rows, whichever partition they land in. Events
-- are never updated; deleting or dropping old partitions (retention) deliberately keeps their usage.
create trigger provisioning_event_usage after insert on provisioning_event
    referencing new table as new_rows for each statement execute function usage_record_delta();

-- Folds the delta rows this transaction can see into usage_daily; returns how many it folded.
-- Rows of transactions still in flight stay for the next run; each row is deleted (and so counted)
-- exactly once, also with several compactors at a time.
create function usage_compact() returns bigint
    language sql as
$$
    with folded as (
        delete from usage_daily_delta
        returning day, operator_id, credential_type_id, outcome, rejection_reason, server_node, requests
    ), summed as (
        insert into usage_daily (day, operator_id, credential_type_id, outcome, rejection_reason, server_node, requests)
        select day, operator_id, credential_type_id, outcome, rejection_reason, server_node, sum(requests)
        from folded
        group by day, operator_id, credential_type_id, outcome, rejection_reason, server_node
        on conflict on constraint usage_daily_key do update
            set requests = usage_daily.requests + excluded.requests
        returning 1
    )
    select count(*) from folded;
$$;

-- Usage including what is not folded yet. Filters on the grouping columns reach both tables.
create view usage_daily_now as
select day, operator_id, credential_type_id, outcome, rejection_reason, server_node, sum(requests) as requests
from (select day, operator_id, credential_type_id, outcome, rejection_reason, server_node, requests from usage_daily
      union all
      select day, operator_id, credential_type_id, outcome, rejection_reason, server_node, requests from usage_daily_delta) usage
group by day, operator_id, credential_type_id, outcome, rejection_reason, server_node;

-- Events that existed before this migration: one scan, once.
insert into usage_daily (day, operator_id, credential_type_id, outcome, rejection_reason, server_node, requests)
select (occurred_at at time zone 'UTC')::date, operator_id, credential_type_id, outcome, rejection_reason,
       server_node, count(*)
from provisioning_event
group by 1, 2, 3, 4, 5, 6;
