-- Every approval or rejection of a credential batch, bound to the manifest hash the approver saw.
-- The rules of dual control that fit in constraints are kept here as well as in the service
-- (docs/decisions/014-dual-control.md):
-- the submitter never decides on their own batch, nobody decides twice on the same manifest, a
-- rejection carries a reason, and a batch has at most one rejection.
create table batch_decision (
    id              bigint generated always as identity primary key,
    batch_id        bigint      not null,
    -- Copied from the batch through the foreign key below: a decision by the submitter cannot exist.
    submitted_by    text        not null,
    decided_by      text        not null check (decided_by <> submitted_by),
    decision        text        not null check (decision in ('approved', 'rejected')),
    manifest_sha256 bytea       not null check (length(manifest_sha256) = 32),
    reason          text        check (reason is null or btrim(reason) <> ''),
    decided_at      timestamptz not null,
    -- Set when the batch's manifest hash no longer matched: the decision no longer counts.
    voided_at       timestamptz,
    check (decision <> 'rejected' or reason is not null),
    foreign key (batch_id, submitted_by) references credential_batch (id, submitted_by)
);

-- Nobody decides twice on a batch while their decision stands.
create unique index batch_decision_once_idx on batch_decision (batch_id, decided_by) where voided_at is null;
-- One rejection ends the request: there is never a second.
create unique index batch_decision_rejection_idx on batch_decision (batch_id) where decision = 'rejected';
