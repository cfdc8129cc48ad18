-- People outside the portal's roles who want e-mail about one key pool's alerts.
create table pool_subscription (
    credential_type_id integer     not null references credential_type,
    email              text        not null check (email like '%_@_%'),
    created_by         text        not null,
    created_at         timestamptz not null default now(),
    primary key (credential_type_id, email)
);
