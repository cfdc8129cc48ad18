-- Usage without the server node: what the usage reports, charts, exports and rollouts read. The
-- node multiplies usage_daily's rows by the number of nodes, which only node health needs, so the
-- reports read a table that many times smaller. It is kept by the same compaction from the same
-- deltas (the statement trigger on provisioning_event is unchanged), so both tables always fold the
-- same events.
create table usage_daily_type (
    day                date     not null,
    operator_id        smallint not null,
    credential_type_id integer  not null,
    outcome            text     not null,
    rejection_reason   text,
    requests           bigint   not null,
    -- The reports read one operator's days from this index alone (requests included): an index-only
    -- scan once vacuum has marked the pages all-visible, which older days always are.
    constraint usage_daily_type_key unique nulls not distinct
        (operator_id, day, credential_type_id, outcome, rejection_reason) include (requests)
);

insert into usage_daily_type (day, operator_id, credential_type_id, outcome, rejection_reason, requests)
select day, operator_id, credential_type_id, outcome, rejection_reason, sum(requests)
from usage_daily
group by day, operator_id, credential_type_id, outcome, rejection_reason;

select protect_operator_rows('usage_daily_type');

create or replace function usage_compact() returns bigint
    language sql as
$$
    with folded as (
        delete from usage_daily_delta
        returning day, operator_id, credential_type_id, outcome, rejection_reason, server_node, requests
    ), by_node as (
        insert into usage_daily (day, operator_id, credential_type_id, outcome, rejection_reason, server_node, requests)
        select day, operator_id, credential_type_id, outcome, rejection_reason, server_node, sum(requests)
        from folded
        group by day, operator_id, credential_type_id, outcome, rejection_reason, server_node
        on conflict on constraint usage_daily_key do update
            set requests = usage_daily.requests + excluded.requests
        returning 1
    ), by_type as (
        insert into usage_daily_type (day, operator_id, credential_type_id, outcome, rejection_reason, requests)
        select day, operator_id, credential_type_id, outcome, rejection_reason, sum(requests)
        from folded
        group by day, operator_id, credential_type_id, outcome, rejection_reason
        on conflict on constraint usage_daily_type_key do update
            set requests = usage_daily_type.requests + excluded.requests
        returning 1
    )
    select count(*) from folded;
$$;

-- The type-level totals including the deltas not folded yet.
create view usage_daily_type_now with (security_invoker = true) as
select day, operator_id, credential_type_id, outcome, rejection_reason, sum(requests) as requests
from (select day, operator_id, credential_type_id, outcome, rejection_reason, requests from usage_daily_type
      union all
      select day, operator_id, credential_type_id, outcome, rejection_reason, requests from usage_daily_delta) usage
group by day, operator_id, credential_type_id, outcome, rejection_reason;

comment on table usage_daily_type is 'Daily usage per operator, type, outcome and reason (no node), folded from usage_daily_delta with usage_daily.';
