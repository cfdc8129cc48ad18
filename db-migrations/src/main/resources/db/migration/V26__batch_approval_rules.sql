-- Dual control of credential batches (docs/decisions/014-dual-control.md): how many distinct
-- approvers a batch of each credential type needs, besides its submitter. Default 1: the two-person
-- rule (the submitter and one approver).
alter table credential_type
    add column approvals_required smallint not null default 1 check (approvals_required between 1 and 5);

-- When the last required approval arrived (the activation window counts from here), and when and
-- why a batch ended without activation (rejected with the rejection's reason, or expired).
alter table credential_batch
    add column approved_at  timestamptz,
    add column closed_at    timestamptz,
    add column closed_note  text;

-- Batches that ended before this migration (none are made by the portal so far).
update credential_batch set closed_at = submitted_at where state in ('rejected', 'expired', 'withdrawn');

alter table credential_batch
    add constraint credential_batch_approved_check check (state <> 'approved' or approved_at is not null),
    add constraint credential_batch_closed_check
        check ((state in ('rejected', 'expired', 'withdrawn')) = (closed_at is not null)),
    -- Referenced by batch_decision together with the id, so that the database itself refuses a
    -- decision by the batch's submitter.
    add constraint credential_batch_submitter_key unique (id, submitted_by);
