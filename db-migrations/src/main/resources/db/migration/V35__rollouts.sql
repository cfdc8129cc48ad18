-- Rollouts: a project to provision one credential type into an operator's devices (DOMAIN.md). A
-- rollout is planned (target devices, window, the authorized list parts involved), approved by a
-- project manager other than its planner, and told to go ahead once its credentials are live. Its
-- stage is derived from these columns and from the pool, the batches and the usage rollups.

-- Lets a rollout name list parts of its own operator and type only (composite foreign key below).
alter table authorized_list_part add constraint authorized_list_part_scope unique (id, operator_id, credential_type_id);

create table rollout (
    id                    bigint generated always as identity primary key,
    operator_id           smallint    not null,
    credential_type_id    integer     not null,
    name                  text        not null check (length(btrim(name)) between 1 and 120),
    target_devices        integer     not null check (target_devices between 1 and 100000000),
    window_start          date        not null,
    window_end            date        not null,
    -- who receives the go-ahead besides the operator's contacts (a project manager need not have a portal account e-mail)
    project_manager_email text        not null check (project_manager_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
                                                      and length(project_manager_email) <= 254),
    created_by            text        not null,
    created_at            timestamptz not null default now(),
    approved_by           text,
    approved_at           timestamptz,
    go_ahead_at           timestamptz,
    acknowledged_by       text,
    acknowledged_at       timestamptz,
    cancelled_by          text,
    cancelled_at          timestamptz,
    cancel_reason         text,
    -- only a type the operator is authorized for
    foreign key (credential_type_id, operator_id) references type_authorization (credential_type_id, operator_id),
    unique (id, operator_id, credential_type_id),
    check (window_end >= window_start),
    check ((approved_by is null) = (approved_at is null)),
    -- four eyes: the planner never approves their own rollout
    check (approved_by <> created_by),
    check (go_ahead_at is null or approved_at is not null),
    check ((acknowledged_by is null) = (acknowledged_at is null)),
    check (acknowledged_at is null or go_ahead_at is not null),
    check ((cancelled_by is null) = (cancelled_at is null) and (cancelled_at is null) = (cancel_reason is null)),
    check (cancel_reason is null or length(btrim(cancel_reason)) between 1 and 1000)
);

create index rollout_operator_idx on rollout (operator_id, created_at desc);
-- The go-ahead sweep: approved rollouts not told yet.
create index rollout_go_ahead_due_idx on rollout (credential_type_id) where approved_at is not null and go_ahead_at is null
    and cancelled_at is null;

create table rollout_list_part (
    rollout_id         bigint   not null,
    operator_id        smallint not null,
    credential_type_id integer  not null,
    list_part_id       bigint   not null,
    primary key (rollout_id, list_part_id),
    foreign key (rollout_id, operator_id, credential_type_id) references rollout (id, operator_id, credential_type_id)
        on delete cascade,
    foreign key (list_part_id, operator_id, credential_type_id)
        references authorized_list_part (id, operator_id, credential_type_id)
);

comment on table rollout is 'Rollouts of a credential type to an operator''s devices; stage derived, go-ahead and acknowledgement recorded.';
