-- Failed step-up confirmations (the password an approver re-enters before a decision), per user,
-- kept in the database so that every node of a cluster counts the same failures and honours the
-- same lock-out (docs/decisions/027-quorum-withdrawal-and-step-up.md). A right password deletes
-- the user's row; so does nothing else.
create table step_up_failure (
    username        text        primary key,
    -- Consecutive failures since the last right password.
    failures        integer     not null check (failures > 0),
    last_failure_at timestamptz not null,
    -- No password is checked before this time; null while under the threshold.
    locked_until    timestamptz
);
