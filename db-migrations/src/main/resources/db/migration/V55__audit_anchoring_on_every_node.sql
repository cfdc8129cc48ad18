-- Anchoring the audit chain's head left the clustered Quartz scheduler: every node now anchors the
-- head in its own anchor file on a timer of its own, so that each node's file covers the rows the
-- other nodes wrote (decision 036). Earlier versions stored the job and its trigger here; remove them
-- so that no node fires a job whose class is gone. Removing nothing is fine (a new database).
delete from qrtz_fired_triggers where trigger_group = 'audit' and trigger_name = 'audit-anchor-interval';
delete from qrtz_simple_triggers where trigger_group = 'audit' and trigger_name = 'audit-anchor-interval';
delete from qrtz_triggers where trigger_group = 'audit' and trigger_name = 'audit-anchor-interval';
delete from qrtz_job_details where job_group = 'audit' and job_name = 'audit-anchor';
