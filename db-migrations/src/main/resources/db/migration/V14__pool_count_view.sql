-- The current credential counts of every pool: compacted totals plus the deltas not folded yet
-- (V13). Readers join this view instead of counting credentials.
create view pool_count_now as
select credential_type_id,
       sum(staged)    as staged,
       sum(available) as available,
       sum(bound)     as bound,
       sum(revoked)   as revoked
from (select credential_type_id, staged, available, bound, revoked from pool_count
      union all
      select credential_type_id, staged, available, bound, revoked from pool_count_delta) counts
group by credential_type_id;
