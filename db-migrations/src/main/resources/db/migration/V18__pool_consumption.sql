-- Hourly consumption per pool: how many credentials were bound to devices in each UTC hour.
-- The inventory overview (24 hours, 7-day average), the alert engine (every minute) and the pool
-- page (up to a year of days) read these few rows instead of scanning provisioning events, which
-- grow by tens of millions a day. The statement triggers of V13 already see every binding, so they
-- append the hourly deltas too, and the same compaction folds them. Bindings are counted where
-- they happen (a credential becoming bound, or inserted bound by a loader or online issuance);
-- revoking or deleting a credential later does not undo its consumption.
-- See docs/decisions/008-pool-counts.md.

create table pool_consumption (
    credential_type_id integer     not null references credential_type,
    hour               timestamptz not null check (hour = date_trunc('hour', hour, 'UTC')),
    bound              bigint      not null,
    primary key (credential_type_id, hour)
);

create table pool_consumption_delta (
    id                 bigint      generated always as identity primary key,
    credential_type_id integer     not null,
    hour               timestamptz not null,
    bound              bigint      not null
);

create or replace function pool_count_record_delta() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'INSERT' then
        insert into pool_count_delta (credential_type_id, staged, available, bound, revoked)
        select credential_type_id,
               count(*) filter (where state = 'staged'), count(*) filter (where state = 'available'),
               count(*) filter (where state = 'bound'), count(*) filter (where state = 'revoked')
        from new_rows group by credential_type_id;
        insert into pool_consumption_delta (credential_type_id, hour, bound)
        select credential_type_id, date_trunc('hour', bound_at, 'UTC'), count(*)
        from new_rows where state = 'bound' group by 1, 2;
    elsif tg_op = 'DELETE' then
        insert into pool_count_delta (credential_type_id, staged, available, bound, revoked)
        select credential_type_id,
               -count(*) filter (where state = 'staged'), -count(*) filter (where state = 'available'),
               -count(*) filter (where state = 'bound'), -count(*) filter (where state = 'revoked')
        from old_rows group by credential_type_id;
    else
        insert into pool_count_delta (credential_type_id, staged, available, bound, revoked)
        select credential_type_id, sum(staged), sum(available), sum(bound), sum(revoked)
        from (select credential_type_id, (state = 'staged')::int as staged, (state = 'available')::int as available,
                     (state = 'bound')::int as bound, (state = 'revoked')::int as revoked
              from new_rows
              union all
              select credential_type_id, -(state = 'staged')::int, -(state = 'available')::int,
                     -(state = 'bound')::int, -(state = 'revoked')::int
              from old_rows) change
        group by credential_type_id
        having sum(staged) <> 0 or sum(available) <> 0 or sum(bound) <> 0 or sum(revoked) <> 0;
        -- Only statements that bind anything pay for matching old and new rows: activating a batch
        -- of a million credentials finds no bound row and stops here.
        if exists (select 1 from new_rows where state = 'bound') then
            insert into pool_consumption_delta (credential_type_id, hour, bound)
            select n.credential_type_id, date_trunc('hour', n.bound_at, 'UTC'), count(*)
            from new_rows n join old_rows o on o.id = n.id
            where n.state = 'bound' and o.state <> 'bound'
            group by 1, 2;
        end if;
    end if;
    return null;
end;
$$;

-- Folds the count and consumption deltas this transaction can see; returns how many rows it folded.
create or replace function pool_count_compact() returns bigint
    language sql as
$$
    with folded as (
        delete from pool_count_delta returning credential_type_id, staged, available, bound, revoked
    ), summed as (
        insert into pool_count (credential_type_id, staged, available, bound, revoked)
        select credential_type_id, sum(staged), sum(available), sum(bound), sum(revoked)
        from folded group by credential_type_id
        on conflict (credential_type_id) do update
            set staged    = pool_count.staged + excluded.staged,
                available = pool_count.available + excluded.available,
                bound     = pool_count.bound + excluded.bound,
                revoked   = pool_count.revoked + excluded.revoked
        returning 1
    ), consumed as (
        delete from pool_consumption_delta returning credential_type_id, hour, bound
    ), consumed_summed as (
        insert into pool_consumption (credential_type_id, hour, bound)
        select credential_type_id, hour, sum(bound)
        from consumed group by credential_type_id, hour
        on conflict (credential_type_id, hour) do update
            set bound = pool_consumption.bound + excluded.bound
        returning 1
    )
    select (select count(*) from folded) + (select count(*) from consumed);
$$;

-- Hourly consumption as readers see it: folded rows plus the deltas not folded yet.
create view pool_consumption_now as
select credential_type_id, hour, sum(bound) as bound
from (select credential_type_id, hour, bound from pool_consumption
      union all
      select credential_type_id, hour, bound from pool_consumption_delta) consumption
group by credential_type_id, hour;

-- Bindings before this migration: credentials bound now, by the hour they were bound.
insert into pool_consumption (credential_type_id, hour, bound)
select credential_type_id, date_trunc('hour', bound_at, 'UTC'), count(*)
from credential where state = 'bound'
group by 1, 2;
