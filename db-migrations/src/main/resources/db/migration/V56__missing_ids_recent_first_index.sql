-- The missing-ID list across all operators (PKI operations' view, and the API without an operator) is
-- read newest first, fifty at a time. The index of V29 leads with the operator, so without one the
-- database read and sorted every row for each page: with 62,000 missing IDs 19 ms, and under a
-- thousand sessions the missing-IDs page was the database's largest cost. In this order the first page
-- is read straight from the index (0.4 ms), also with the generic plan of a prepared statement, whose
-- optional filters then apply as the index is read. Decision 040.
create index missing_device_id_recent_idx on missing_device_id (last_seen desc, device_id);
