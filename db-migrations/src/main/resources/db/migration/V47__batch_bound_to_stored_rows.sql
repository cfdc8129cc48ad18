-- Dual control bound to the stored credentials (docs/decisions/026-activation-bound-to-stored-data.md).
-- At staging the database seals a batch with a digest over its rows; approvers approve that digest
-- together with the manifest hash; the activation recomputes it inside its own transaction and
-- activates only when the rows are still the ones sealed and approved. The application's role can
-- no longer change staged credentials, nor make any credential available, except through the
-- activation function below, which runs as the schema's owner.

alter table credential_batch
    add column staged_sha256 bytea check (staged_sha256 is null or length(staged_sha256) = 32);
alter table batch_decision
    add column staged_sha256 bytea check (staged_sha256 is null or length(staged_sha256) = 32);

comment on column credential_batch.staged_sha256 is
    'Digest of the batch''s credential rows at staging (credential_batch_digest); set once by seal_credential_batch.';
comment on column batch_decision.staged_sha256 is
    'The staged-rows digest the approver was shown and approved.';

-- A batch whose rows no longer match what was sealed and approved ends as tampered: never
-- activated, its staged credentials kept for the investigation.
alter table credential_batch drop constraint credential_batch_state_check;
alter table credential_batch add constraint credential_batch_state_check
    check (state in ('staged', 'approved', 'active', 'rejected', 'expired', 'withdrawn', 'tampered'));
alter table credential_batch drop constraint credential_batch_closed_check;
alter table credential_batch add constraint credential_batch_closed_check
    check ((state in ('rejected', 'expired', 'withdrawn', 'tampered')) = (closed_at is not null));

-- SHA-256 over the SHA-256 of each row, rows in id order (the order of the package's file). A row
-- is its credential ID, its pre-bound device ID (or none) and its payload bytes, each preceded by
-- its length, so that no two different rows encode alike. Per-row hashes keep the aggregate at 32
-- bytes a row (32 MB for a million credentials).
create function credential_batch_digest(batch bigint) returns bytea
    language sql stable security definer set search_path = public, pg_temp as
$$
select sha256(coalesce(string_agg(sha256(
           int4send(octet_length(convert_to(credential_ref, 'UTF8'))) || convert_to(credential_ref, 'UTF8')
           || int4send(coalesce(octet_length(convert_to(prebound_device_id, 'UTF8')), -1))
           || coalesce(convert_to(prebound_device_id, 'UTF8'), ''::bytea)
           || int4send(octet_length(payload)) || payload), ''::bytea order by id), ''::bytea))
from credential
where batch_id = batch
$$;
revoke execute on function credential_batch_digest(bigint) from public;

-- Batches waiting today get their seal now; their earlier approvals did not see a digest and no
-- longer count (the approvers decide again on the sealed rows).
update credential_batch set staged_sha256 = credential_batch_digest(id) where state in ('staged', 'approved');
update batch_decision d set voided_at = now()
from credential_batch b
where b.id = d.batch_id and b.state in ('staged', 'approved') and d.voided_at is null and d.decision = 'approved';
update credential_batch set state = 'staged', approved_at = null where state = 'approved';

-- Called once by the upload, in its transaction, right after it inserted the batch's credentials.
create function seal_credential_batch(batch bigint) returns bytea
    language plpgsql security definer set search_path = public, pg_temp as
$$
declare
    digest bytea;
begin
    update credential_batch set staged_sha256 = credential_batch_digest(id)
    where id = batch and state = 'staged' and staged_sha256 is null
    returning staged_sha256 into digest;
    if digest is null then
        raise exception 'credential batch % is not a staged batch without a seal', batch using errcode = '55000';
    end if;
    return digest;
end;
$$;

-- The only way credentials become available. Returns what it did: 'activated'; 'not-approved' (no
-- change: not approved, or already active); or, having marked the batch tampered (committed with
-- the caller's transaction), 'manifest-changed', 'rows-changed', 'approvals-missing' or
-- 'count-changed'.
create function activate_credential_batch(batch bigint, activated timestamptz) returns text
    language plpgsql security definer set search_path = public, pg_temp as
$$
declare
    b         credential_batch;
    digest    bytea;
    approvals integer;
    staged    bigint;
    total     bigint;
    made      bigint;
    verdict   text;
begin
    select * into b from credential_batch where id = batch for update;
    if not found or b.state <> 'approved' then
        return 'not-approved';
    end if;
    digest := credential_batch_digest(batch);
    select count(*) into approvals from batch_decision d
    where d.batch_id = batch and d.decision = 'approved' and d.voided_at is null
      and d.manifest_sha256 = b.manifest_sha256 and d.staged_sha256 = digest and d.decided_by <> b.submitted_by;
    select count(*) filter (where state = 'staged'), count(*) into staged, total from credential where batch_id = batch;
    verdict := case
        when not exists (select 1 from credential_batch_package p
                         where p.batch_id = batch and sha256(p.manifest) = b.manifest_sha256) then 'manifest-changed'
        when b.staged_sha256 is distinct from digest then 'rows-changed'
        when approvals < b.approvals_required then 'approvals-missing'
        when staged <> b.record_count or total <> b.record_count then 'count-changed'
        end;
    if verdict is not null then
        update credential_batch
        set state = 'tampered', closed_at = activated,
            closed_note = 'Activation refused: ' || verdict || ' (rows digest now ' || encode(digest, 'hex')
                          || ', sealed ' || coalesce(encode(b.staged_sha256, 'hex'), 'never') || ')'
        where id = batch;
        return verdict;
    end if;
    -- One statement: the pool-count trigger sees one transition table and appends one delta row.
    update credential set state = 'available' where batch_id = batch and state = 'staged';
    get diagnostics made = row_count;
    if made <> b.record_count then
        raise exception 'batch % made % credentials available, expected %', b.batch_ref, made, b.record_count;
    end if;
    update credential_batch set state = 'active', activated_at = activated where id = batch;
    return 'activated';
end;
$$;

revoke execute on function seal_credential_batch(bigint), activate_credential_batch(bigint, timestamptz) from public;
grant execute on function seal_credential_batch(bigint), activate_credential_batch(bigint, timestamptz) to ${appRole};
-- The approval dialog checks the stored rows against the seal afresh, so an approver sees a change
-- before deciding (the activation checks again, in its own transaction).
grant execute on function credential_batch_digest(bigint) to ${appRole};

-- The application role's rights on these tables (V36 granted it every column): the columns its own
-- work changes, nothing more. Payloads, IDs, device bindings at staging, manifest hashes, seals,
-- quorums and submitters are written at insert and never again.
revoke update on credential, credential_batch, credential_batch_package, batch_decision from ${appRole};
grant update (state, bound_device_id, bound_at) on credential to ${appRole};
grant update (state, approved_at, closed_at, closed_note, record_count) on credential_batch to ${appRole};
grant update (voided_at) on batch_decision to ${appRole};

-- What column rights cannot say: the application's role inserts credentials staged (uploads) or
-- bound (certificates issued online), never available; it changes no staged credential and makes
-- none available; it neither activates a batch nor reopens an active or tampered one. The checks
-- sit in the triggers' WHEN clauses, so the owner's activation of a million rows runs no trigger
-- function at all.
create function refuse_outside_activation() returns trigger
    language plpgsql as
$$
begin
    raise exception 'permission denied: % on % by %: credentials become available only through activate_credential_batch',
        tg_op, tg_table_name, current_user using errcode = '42501';
end;
$$;

create trigger credential_app_insert before insert on credential for each row
    when (current_user = '${appRole}' and new.state not in ('staged', 'bound'))
    execute function refuse_outside_activation();
create trigger credential_app_update before update on credential for each row
    when (current_user = '${appRole}'
          and (old.state = 'staged' or new.state = 'staged' or (new.state = 'available' and old.state <> 'available')))
    execute function refuse_outside_activation();
create trigger credential_batch_app_update before update on credential_batch for each row
    when (current_user = '${appRole}' and new.state <> old.state
          and (new.state = 'active' or old.state in ('active', 'tampered')))
    execute function refuse_outside_activation();
