-- Purges state their range (docs/decisions/024-insider-threat-model.md). The portal first appends a
-- signed purge record naming the range to the anchor file outside the database, then asks for
-- exactly that range here. The function deletes that range or nothing: it refuses a range that does
-- not start right after the chain's base or that holds a row younger than the retention (at least
-- two years), instead of choosing a shorter range of its own, so that a purge record and what was
-- deleted always agree. The verifier reports a base moved without a signed record as tampering.
drop function audit_purge(interval);

create function audit_purge(retention interval, through_seq bigint) returns bigint
    language plpgsql security definer set search_path = public, pg_temp as
$$
declare
    cutoff    timestamptz;
    base_seq  bigint;
    last_hash bytea;
    youngest  timestamptz;
    deleted   bigint;
begin
    if retention is null or retention < interval '2 years' then
        raise exception 'Audit retention must be at least 2 years, was %', retention
            using errcode = 'invalid_parameter_value';
    end if;
    -- Never younger than two calendar years, whatever the interval's days and months amount to.
    cutoff := least(now() - retention, now() - interval '2 years');
    select seq into base_seq from audit_chain_base;
    select row_hash into last_hash from audit_event where seq = through_seq;
    if through_seq is null or through_seq <= base_seq or last_hash is null then
        raise exception 'An audit purge ends on a row after the chain base (row %), not on %', base_seq, through_seq
            using errcode = 'invalid_parameter_value';
    end if;
    select max(occurred_at) into youngest from audit_event where seq <= through_seq;
    if youngest >= cutoff then
        raise exception 'Audit purge through row % refused: it holds rows inside the retention (the newest from %)',
            through_seq, youngest using errcode = 'insufficient_privilege';
    end if;
    perform set_config('audit.purging', 'on', true);
    delete from audit_event where seq <= through_seq;
    get diagnostics deleted = row_count;
    update audit_chain_base set seq = through_seq, hash = last_hash, purged_at = now();
    perform set_config('audit.purging', 'off', true);
    return deleted;
end;
$$;
