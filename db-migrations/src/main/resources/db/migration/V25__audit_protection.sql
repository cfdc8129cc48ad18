-- The audit trail is append-only for every connection that does not own the table, the portal's own
-- included: rows cannot be updated, deleted or truncated, the chain head only moves forward onto the
-- row just appended, and only the retention purge may remove rows, and only rows older than two
-- years, from the start of the chain. A table owner or superuser can still disable triggers, which
-- is why production connects as a role that owns nothing (docs/decisions/013-audit-tamper-evidence.md)
-- and why anchors outside the database exist.

-- Where the chain starts after a purge: the last purged row's sequence number and hash.
create table audit_chain_base (
    singleton boolean     primary key default true check (singleton),
    seq       bigint      not null,
    hash      bytea       not null check (length(hash) = 32),
    purged_at timestamptz
);

insert into audit_chain_base (seq, hash) values (0, decode(repeat('00', 32), 'hex'));

create function audit_refuse_change() returns trigger
    language plpgsql as
$$
begin
    -- Nested, not joined with AND: PL/pgSQL does not promise to stop before old.occurred_at, which
    -- audit_chain_base does not have.
    if current_setting('audit.purging', true) = 'on' and tg_op in ('DELETE', 'UPDATE') then
        if tg_table_name = 'audit_event' and tg_op = 'DELETE' then
            if old.occurred_at < now() - interval '2 years' then
                return old;
            end if;
        elsif tg_table_name = 'audit_chain_base' and tg_op = 'UPDATE' then
            return new;
        end if;
    end if;
    raise exception 'The audit trail is append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_refuse_change();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_refuse_change();
create trigger audit_chain_base_purge_only before update or delete on audit_chain_base
    for each row execute function audit_refuse_change();
create trigger audit_chain_base_no_truncate before truncate on audit_chain_base
    for each statement execute function audit_refuse_change();

-- The head moves one row forward, onto the row just appended with exactly that hash: it cannot be
-- set back to hide a cut-off tail, nor point at a row that is not there.
create function audit_chain_head_forward_only() returns trigger
    language plpgsql as
$$
begin
    if tg_op <> 'UPDATE' or new.seq <> old.seq + 1
       or new.hash is distinct from (select row_hash from audit_event where seq = new.seq) then
        raise exception 'The audit chain head only moves forward onto the row just appended: % refused', tg_op
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;

create trigger audit_chain_head_forward before update or delete on audit_chain_head
    for each row execute function audit_chain_head_forward_only();
create trigger audit_chain_head_no_truncate before truncate on audit_chain_head
    for each statement execute function audit_refuse_change();

-- Deletes the rows older than the retention period (at least two years) from the start of the chain,
-- up to the first younger row, and moves the chain's base onto the last row deleted. Returns how
-- many rows it deleted.
create function audit_purge(retention interval) returns bigint
    language plpgsql as
$$
declare
    cutoff  timestamptz;
    last_seq  bigint;
    last_hash bytea;
    deleted bigint;
begin
    if retention is null or retention < interval '2 years' then
        raise exception 'Audit retention must be at least 2 years, was %', retention
            using errcode = 'invalid_parameter_value';
    end if;
    -- Never younger than two calendar years, whatever the interval's days and months amount to.
    cutoff := least(now() - retention, now() - interval '2 years');
    select seq, row_hash into last_seq, last_hash
    from audit_event
    where seq < coalesce((select min(seq) from audit_event where occurred_at >= cutoff), 9223372036854775807)
    order by seq desc
    limit 1;
    if last_seq is null then
        return 0;
    end if;
    perform set_config('audit.purging', 'on', true);
    delete from audit_event where seq <= last_seq;
    get diagnostics deleted = row_count;
    update audit_chain_base set seq = last_seq, hash = last_hash, purged_at = now();
    perform set_config('audit.purging', 'off', true);
    return deleted;
end;
$$;
