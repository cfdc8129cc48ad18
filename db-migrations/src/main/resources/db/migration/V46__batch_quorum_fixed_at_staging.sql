-- The quorum of a batch request is fixed when the batch is staged (docs/decisions/027-quorum-withdrawal-and-step-up.md):
-- a later change of the type's approvals_required applies to batches staged after it, never to
-- requests already waiting, so a waiting request always shows how many approvals it still needs
-- and a change of the setting can neither strand it nor approve it without a further decision.
alter table credential_batch
    add column approvals_required smallint check (approvals_required between 1 and 5);

update credential_batch b
set approvals_required = t.approvals_required
from credential_type t
where t.id = b.credential_type_id;

alter table credential_batch alter column approvals_required set not null;

-- Copied from the type by the database at insert, whatever the inserting statement says, so that a
-- batch cannot be staged with a smaller quorum than its type's. Runs as the owner: the type may be
-- hidden from the inserting session by row-level security (V36), the quorum never.
create function credential_batch_fix_quorum() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as
$$
begin
    new.approvals_required := (select approvals_required from credential_type where id = new.credential_type_id);
    return new;
end;
$$;
revoke execute on function credential_batch_fix_quorum() from public;

create trigger credential_batch_quorum before insert on credential_batch
    for each row execute function credential_batch_fix_quorum();
