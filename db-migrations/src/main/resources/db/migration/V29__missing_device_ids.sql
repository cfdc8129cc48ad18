-- Missing device IDs: devices rejected because they were not on the operator's authorized list or had
-- no pre-bound credential, one row per operator, credential type and device ID, tracked from first
-- seen through "sent to the operator" (in the operator's export number k of the type) to "resolved"
-- (the ID arrived in a later authorized list part). Kept like the usage rollups (V22, decision 012):
-- a statement-level trigger appends one aggregated delta row per device of each inserting statement,
-- and missing_ids_compact() (a clustered job, and every export and list import first) folds them in.
-- Late events need nothing special: first and last seen are the least and greatest occurred_at ever
-- folded. See docs/decisions/015-missing-ids-and-exports.md.

create table missing_device_id (
    operator_id        smallint not null,
    credential_type_id integer  not null,
    device_id          text collate "C" not null,
    first_seen         timestamptz not null,
    last_seen          timestamptz not null,
    attempts           bigint   not null check (attempts > 0),
    -- The model the device reported in its latest request (null when it reported none).
    device_model_id    integer,
    last_reason        text     not null,
    status             text     not null default 'new' check (status in ('new', 'sent', 'resolved')),
    -- The operator's export (numbered per operator and type) that last carried this ID.
    sent_in_export     integer,
    sent_at            timestamptz,
    -- The list part that listed the ID.
    resolved_by_part   bigint references authorized_list_part,
    resolved_at        timestamptz,
    primary key (operator_id, credential_type_id, device_id),
    check ((status = 'resolved') = (resolved_by_part is not null)),
    check (status <> 'sent' or sent_in_export is not null)
);

-- The list pages show an operator's IDs, most recently seen first (filtered by type or status on the way).
create index missing_device_id_page_idx on missing_device_id (operator_id, last_seen desc, device_id);
create index missing_device_id_part_idx on missing_device_id (resolved_by_part);

create table missing_device_id_delta (
    id                 bigint   generated always as identity primary key,
    operator_id        smallint not null,
    credential_type_id integer  not null,
    device_id          text collate "C" not null,
    first_seen         timestamptz not null,
    last_seen          timestamptz not null,
    attempts           bigint   not null,
    device_model_id    integer,
    last_reason        text     not null
);

create function missing_ids_record_delta() returns trigger
    language plpgsql as
$$
begin
    insert into missing_device_id_delta (operator_id, credential_type_id, device_id, first_seen, last_seen, attempts,
                                         device_model_id, last_reason)
    select operator_id, credential_type_id, device_id, min(occurred_at), max(occurred_at), count(*),
           (array_agg(device_model_id order by occurred_at desc))[1],
           (array_agg(rejection_reason order by occurred_at desc))[1]
    from new_rows
    where rejection_reason in ('not-on-authorized-list', 'no-credential-for-device')
    group by operator_id, credential_type_id, device_id;
    return null;
end;
$$;

create trigger provisioning_event_missing_ids after insert on provisioning_event
    referencing new table as new_rows for each statement execute function missing_ids_record_delta();

-- Folds the delta rows this transaction can see into missing_device_id; returns how many it folded.
-- Each delta row is deleted, and so counted, exactly once, also with several compactors at a time.
-- An ID that is already on the operator's list for the type when its first rejection is folded (a
-- late event from before the list part arrived) is resolved at once by that part. Compactors share
-- an advisory lock that a list import holds exclusively (ListPartImportService), so a fold never
-- misses a listing committed concurrently: it waits, and its next statement sees the new part.
create function missing_ids_compact() returns bigint
    language sql as
$$
    select pg_advisory_xact_lock_shared(hashtext('missing-ids-compact'));
    with folded as (
        delete from missing_device_id_delta
        returning operator_id, credential_type_id, device_id, first_seen, last_seen, attempts, device_model_id, last_reason
    ), summed as (
        select operator_id, credential_type_id, device_id, min(first_seen) as first_seen, max(last_seen) as last_seen,
               sum(attempts) as attempts,
               (array_agg(device_model_id order by last_seen desc))[1] as device_model_id,
               (array_agg(last_reason order by last_seen desc))[1] as last_reason
        from folded
        group by operator_id, credential_type_id, device_id
    ), merged as (
        insert into missing_device_id as m (operator_id, credential_type_id, device_id, first_seen, last_seen, attempts,
                                            device_model_id, last_reason, status, resolved_by_part, resolved_at)
        select s.operator_id, s.credential_type_id, s.device_id, s.first_seen, s.last_seen, s.attempts, s.device_model_id,
               s.last_reason, case when a.part_id is null then 'new' else 'resolved' end, a.part_id,
               case when a.part_id is null then null else now() end
        from summed s
        left join authorized_device a on a.operator_id = s.operator_id and a.credential_type_id = s.credential_type_id
                                     and a.device_id = s.device_id
        on conflict (operator_id, credential_type_id, device_id) do update
            set first_seen      = least(m.first_seen, excluded.first_seen),
                last_seen       = greatest(m.last_seen, excluded.last_seen),
                attempts        = m.attempts + excluded.attempts,
                device_model_id = case when excluded.last_seen >= m.last_seen then excluded.device_model_id
                                       else m.device_model_id end,
                last_reason     = case when excluded.last_seen >= m.last_seen then excluded.last_reason
                                       else m.last_reason end
        returning 1
    )
    select count(*) from folded;
$$;

-- Rejections that existed before this migration: one scan, once.
insert into missing_device_id (operator_id, credential_type_id, device_id, first_seen, last_seen, attempts,
                               device_model_id, last_reason, status, resolved_by_part, resolved_at)
select e.operator_id, e.credential_type_id, e.device_id, e.first_seen, e.last_seen, e.attempts, e.device_model_id,
       e.last_reason, case when a.part_id is null then 'new' else 'resolved' end, a.part_id,
       case when a.part_id is null then null else now() end
from (select operator_id, credential_type_id, device_id, min(occurred_at) as first_seen, max(occurred_at) as last_seen,
             count(*) as attempts, (array_agg(device_model_id order by occurred_at desc))[1] as device_model_id,
             (array_agg(rejection_reason order by occurred_at desc))[1] as last_reason
      from provisioning_event
      where rejection_reason in ('not-on-authorized-list', 'no-credential-for-device')
      group by operator_id, credential_type_id, device_id) e
left join authorized_device a on a.operator_id = e.operator_id and a.credential_type_id = e.credential_type_id
                             and a.device_id = e.device_id;
