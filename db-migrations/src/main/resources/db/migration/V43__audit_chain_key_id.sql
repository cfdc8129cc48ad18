-- Which chain key made a row's hash (docs/decisions/024-insider-threat-model.md). The chain key is
-- rotated; older rows keep verifying with the key that made them, kept in the verifier's key ring.
-- The id is part of the hashed canonical form of the rows that carry it, so it cannot be changed
-- without breaking the row. Rows from before this column carry none and verify with any key of the ring.
alter table audit_event add column key_id text;
