-- Scheduled reports (decision 017): per operator, a usage or missing-ID report delivered weekly or
-- monthly as a spreadsheet attached to an e-mail, only to contacts of that operator; each run is a
-- row of the delivery history. The outbox learns attachments for it.

create table report_schedule (
    id           bigint generated always as identity primary key,
    operator_id  smallint    not null references operator,
    report       text        not null check (report in ('usage', 'missing-ids')),
    cadence      text        not null check (cadence in ('weekly', 'monthly')),
    -- ISO day of week (Monday = 1) of a weekly schedule; day of month of a monthly one. Days 29 to 31
    -- are refused: every month has the chosen day, so no month is skipped or moved.
    weekday      smallint check (weekday between 1 and 7),
    day_of_month smallint check (day_of_month between 1 and 28),
    run_time     time        not null,
    -- IANA zone of the run time (checked by the portal: PostgreSQL has no immutable zone check)
    time_zone    text        not null check (length(time_zone) between 1 and 64),
    enabled      boolean     not null default true,
    -- runs before this instant are not delivered: set at creation, on re-enabling and when the timing
    -- changes, so a new or re-enabled schedule does not at once deliver a period it was not meant for
    due_from     timestamptz not null default now(),
    created_by   text        not null,
    created_at   timestamptz not null default now(),
    changed_by   text,
    changed_at   timestamptz,
    unique (operator_id, id),
    check ((cadence = 'weekly') = (weekday is not null) and (cadence = 'monthly') = (day_of_month is not null))
);

-- Recipients are contacts of the schedule's own operator: both foreign keys share operator_id, so a
-- contact of another operator cannot be attached (the database refuses it, whatever the code does).
create table report_schedule_recipient (
    schedule_id bigint   not null,
    operator_id smallint not null,
    contact_id  bigint   not null,
    primary key (schedule_id, contact_id),
    foreign key (operator_id, schedule_id) references report_schedule (operator_id, id) on delete cascade,
    foreign key (operator_id, contact_id) references operator_contact (operator_id, id) on delete cascade
);

create index report_schedule_recipient_contact_idx on report_schedule_recipient (contact_id);

-- One row per run: by the scheduler (at most one delivered run per schedule and period, enforced by
-- the partial unique index, so two portal nodes never both deliver) or by "run now" (any number).
create table report_delivery (
    id              bigint generated always as identity primary key,
    schedule_id     bigint      not null references report_schedule on delete cascade,
    trigger         text        not null check (trigger in ('schedule', 'run-now')),
    -- the reported days (UTC days of the rollups), inclusive
    period_start    date        not null,
    period_end      date        not null check (period_end >= period_start),
    started_at      timestamptz not null,
    finished_at     timestamptz not null default clock_timestamp(),
    outcome         text        not null check (outcome in ('sent', 'failed')),
    row_count       bigint,
    -- the addresses it was queued for at the time
    recipients      text[]      not null default '{}',
    error           text,
    requested_by    text        not null,
    notification_id bigint references notification on delete set null,
    check ((outcome = 'failed') = (error is not null))
);

create unique index report_delivery_once_idx on report_delivery (schedule_id, period_start)
    where trigger = 'schedule' and outcome = 'sent';
create index report_delivery_history_idx on report_delivery (schedule_id, started_at desc);

-- Files attached to a notification's e-mails: stored once per notification, not per recipient.
create table notification_attachment (
    notification_id bigint not null references notification on delete cascade,
    file_name       text   not null check (file_name ~ '^[A-Za-z0-9._-]{1,120}$'),
    content_type    text   not null,
    content         bytea  not null,
    primary key (notification_id, file_name)
);

comment on table report_schedule is 'Scheduled reports per operator (decision 017).';
comment on table report_delivery is 'Delivery history of scheduled reports; one sent scheduled run per schedule and period.';
comment on table notification_attachment is 'Files attached to the e-mails of a notification.';
