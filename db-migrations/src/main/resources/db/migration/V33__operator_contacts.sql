-- People at a network operator who receive what the portal sends the operator by e-mail: the
-- go-ahead of a rollout and scheduled reports. They need no portal account. Anything that mails an
-- operator picks its recipients from this table, so a message can only reach that operator's people
-- (other tables reference (operator_id, id) together for the same reason).
create table operator_contact (
    id          bigint generated always as identity primary key,
    operator_id smallint    not null references operator,
    name        text        not null check (length(btrim(name)) between 1 and 200),
    email       text        not null check (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' and length(email) <= 254),
    -- receives the go-ahead of the operator's rollouts
    go_ahead    boolean     not null default true,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    unique (operator_id, email),
    unique (operator_id, id)
);

comment on table operator_contact is 'An operator''s e-mail contacts for go-ahead notifications and scheduled reports.';
