-- Batches waiting for a decision or for activation, for the approval inbox, the expiry and
-- reminder jobs and the activation job: a handful of rows among all batches ever loaded.
create index credential_batch_pending_idx on credential_batch (submitted_at) where state in ('staged', 'approved');
