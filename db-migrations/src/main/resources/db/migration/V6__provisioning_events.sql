-- One provisioning request and its outcome, as the provisioning service writes it.
-- Sized for hundreds of millions of rows (30 million a day at full load):
--  * range-partitioned by month, so old months are detached or dropped whole and scans touch few partitions;
--  * no foreign keys (the service writes at full rate; references are checked when it decides);
--  * a BRIN index on time (a few pages per partition), and one B-tree for device search.
create sequence provisioning_event_id_seq as bigint;

create table provisioning_event (
    id                 bigint   not null default nextval('provisioning_event_id_seq'),
    occurred_at        timestamptz not null,
    operator_id        smallint not null,
    credential_type_id integer  not null,
    -- Normalized device ID (see device_id_kind.pattern); collation C so that prefix search uses the B-tree.
    device_id          text collate "C" not null,
    device_id_kind     text     not null,
    device_model_id    integer,
    server_node        text     not null,
    outcome            text     not null check (outcome in ('delivered', 're-delivered', 'rejected')),
    rejection_reason   text     check (rejection_reason in (
                           'operator-not-authorized', 'model-not-authorized', 'not-on-authorized-list',
                           'certificate-revoked', 'bad-chain-or-signature', 'no-credential-for-device',
                           'pool-empty', 'unknown-model')),
    credential_id      bigint,
    check ((outcome = 'rejected') = (rejection_reason is not null)),
    check ((outcome = 'rejected') = (credential_id is null))
) partition by range (occurred_at);

alter sequence provisioning_event_id_seq owned by provisioning_event.id;

-- Rows outside every monthly partition land here rather than being lost; partitions are kept
-- ahead of time (provisioning_event_ensure_partitions) so this stays empty in normal operation.
create table provisioning_event_default partition of provisioning_event default;

create index provisioning_event_time_brin on provisioning_event using brin (occurred_at) with (pages_per_range = 32);
create index provisioning_event_device_idx on provisioning_event (device_id, occurred_at desc);

-- Creates the monthly partitions covering [from_month, to_month]; returns how many it created.
create function provisioning_event_ensure_partitions(from_month date, to_month date) returns integer
    language plpgsql as
$$
declare
    month   date := date_trunc('month', from_month)::date;
    created integer := 0;
    part    text;
begin
    while month <= to_month loop
        part := format('provisioning_event_%s', to_char(month, 'YYYY_MM'));
        if to_regclass(part) is null then
            execute format('create table %I partition of provisioning_event for values from (%L) to (%L)',
                           part, month::timestamptz, (month + interval '1 month')::timestamptz);
            created := created + 1;
        end if;
        month := (month + interval '1 month')::date;
    end loop;
    return created;
end;
$$;

select provisioning_event_ensure_partitions((current_date - interval '3 months')::date, (current_date + interval '3 months')::date);
