-- Per-pool credential counts, so that the inventory overview reads a few rows instead of counting
-- millions. Binding must stay fast: a row-level trigger updating one hot counter row per pool makes
-- every binding wait for the previous one's lock. Instead, statement-level triggers append one
-- aggregated delta row per statement (no row is shared between transactions), and a compaction job
-- folds the deltas into pool_count. The current count of a pool is its pool_count row plus the sum of
-- its remaining delta rows. See docs/decisions/008-pool-counts.md.

create table pool_count (
    credential_type_id integer primary key references credential_type,
    staged             bigint  not null default 0,
    available          bigint  not null default 0,
    bound              bigint  not null default 0,
    revoked            bigint  not null default 0
);

create table pool_count_delta (
    id                 bigint  generated always as identity primary key,
    credential_type_id integer not null,
    staged             bigint  not null,
    available          bigint  not null,
    bound              bigint  not null,
    revoked            bigint  not null
);

create function pool_count_record_delta() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'INSERT' then
        insert into pool_count_delta (credential_type_id, staged, available, bound, revoked)
        select credential_type_id,
               count(*) filter (where state = 'staged'), count(*) filter (where state = 'available'),
               count(*) filter (where state = 'bound'), count(*) filter (where state = 'revoked')
        from new_rows group by credential_type_id;
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
    end if;
    return null;
end;
$$;

create trigger credential_count_insert after insert on credential
    referencing new table as new_rows for each statement execute function pool_count_record_delta();
create trigger credential_count_update after update on credential
    referencing old table as old_rows new table as new_rows for each statement execute function pool_count_record_delta();
create trigger credential_count_delete after delete on credential
    referencing old table as old_rows for each statement execute function pool_count_record_delta();

-- Folds the delta rows this transaction can see into pool_count; returns how many it folded.
-- Rows of transactions still in flight stay for the next run; each row is deleted (and so counted)
-- exactly once, also with several compactors at a time.
create function pool_count_compact() returns bigint
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
    )
    select count(*) from folded;
$$;

-- Credentials that existed before this migration.
insert into pool_count (credential_type_id, staged, available, bound, revoked)
select credential_type_id,
       count(*) filter (where state = 'staged'), count(*) filter (where state = 'available'),
       count(*) filter (where state = 'bound'), count(*) filter (where state = 'revoked')
from credential group by credential_type_id;
