-- Row-level security: the second wall of tenancy (docs/decisions/018-row-level-security.md).
-- The portal connects as an application role that owns nothing (placeholder appRole); the role
-- that runs these migrations owns every table and is the only one that bypasses the policies.
-- Each connection the application checks out carries the operators it may see in the setting
-- portal.operators: 'all', a comma-separated list of operator ids, or nothing (no rows).

-- The application role must exist before its grants. Deployments create it with LOGIN (README); a
-- schema migrated without one (module tests) gets a role that cannot sign in.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = '${appRole}') then
        execute format('create role %I nologin', '${appRole}');
    end if;
end;
$$;

-- Both read the setting once per statement when wrapped in a scalar sub-select (an InitPlan), so a
-- policy costs a comparison per row and leaves the query's own index conditions alone. An unset or
-- malformed setting shows nothing (a cast error fails the statement).
create function session_sees_all_operators() returns boolean
    language sql stable parallel safe as
$$ select coalesce(current_setting('portal.operators', true) = 'all', false) $$;

create function session_operators() returns smallint[]
    language sql stable parallel safe as
$$ select string_to_array(nullif(nullif(current_setting('portal.operators', true), 'all'), ''), ',')::smallint[] $$;

-- Enables row-level security on a table and adds the standard policy on its operator column: rows
-- of the session's operators, or all rows for a session that sees all operators. The same
-- expression checks inserted and updated rows. Later migrations call it for their own tables.
create function protect_operator_rows(tbl regclass, col name default 'operator_id') returns void
    language plpgsql as
$$
begin
    execute format('alter table %s enable row level security', tbl);
    execute format('create policy operator_rows on %s using ((select session_sees_all_operators()) '
                   'or %I = any ((select session_operators())::smallint[]))', tbl, col);
end;
$$;
revoke execute on function protect_operator_rows(regclass, name) from public;

select protect_operator_rows(t)
from unnest(array['type_authorization', 'model_authorization', 'authorized_list_part', 'authorized_device',
                  'usage_daily', 'usage_daily_delta', 'missing_device_id', 'missing_device_id_delta',
                  'missing_id_export', 'operator_contact', 'rollout', 'rollout_list_part',
                  'report_schedule', 'report_schedule_recipient',
                  -- null operator: addressed to roles only (PKI ops and others), never to operator staff,
                  -- so only a session that sees all operators sees it (as NotificationService reads them)
                  'notification']::regclass[]) t;

-- Provisioning events: the policy on the partitioned parent covers every query through the parent;
-- each partition gets the same policy, so a query naming a partition is filtered too.
select protect_operator_rows(c.oid::regclass)
from pg_class c
where c.oid = 'provisioning_event'::regclass
   or c.oid in (select inhrelid from pg_inherits where inhparent = 'provisioning_event'::regclass);

-- Credential types: operator staff see shared types (no owner), their own, and the types their
-- operator is authorized for (through type_authorization's own policy); only a session that sees
-- all operators or the owner's session may write them.
select protect_operator_rows('credential_type', 'owner_operator_id');
create policy shared_or_authorized on credential_type for select
    using (owner_operator_id is null
           or exists (select 1 from type_authorization a where a.credential_type_id = credential_type.id));

-- Views read their tables as the querying role, not as their owner (who bypasses the policies).
alter view usage_daily_now set (security_invoker = true);
alter view pool_count_now set (security_invoker = true);
alter view pool_consumption_now set (security_invoker = true);

-- New monthly partitions get the policy too. Creating a partition needs the parent's owner, so the
-- function runs as its owner (security definer) and the application's partition job can call it.
create or replace function provisioning_event_ensure_partitions(from_month date, to_month date) returns integer
    language plpgsql security definer set search_path = public, pg_temp as
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
            perform protect_operator_rows(part::regclass);
            created := created + 1;
        end if;
        month := (month + interval '1 month')::date;
    end loop;
    return created;
end;
$$;

-- The retention purge deletes audit rows, which the application role may not; the function keeps its
-- own floor (two years, from the start of the chain) and runs as the tables' owner.
alter function audit_purge(interval) security definer set search_path = public, pg_temp;

-- Privileges of the application role: data only (no truncate, references or triggers), on the tables
-- of this migration and, through default privileges, on every table and sequence the migrating role
-- creates later. Tenant tables of later migrations must call protect_operator_rows (RowLevelSecurityTest).
grant usage on schema public to ${appRole};
grant select, insert, update, delete on all tables in schema public to ${appRole};
grant usage, select on all sequences in schema public to ${appRole};
alter default privileges in schema public grant select, insert, update, delete on tables to ${appRole};
alter default privileges in schema public grant usage, select on sequences to ${appRole};

-- The audit trail is append-only for the application (decision 013): rows are inserted, never
-- changed; the head only moves (its trigger checks how); the base moves with the purge only.
revoke update, delete on audit_event, audit_chain_base from ${appRole};
revoke insert, delete on audit_chain_head from ${appRole};
-- Flyway's history is the migrating role's business.
revoke insert, update, delete on flyway_schema_history from ${appRole};
