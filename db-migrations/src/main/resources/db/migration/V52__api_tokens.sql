-- Personal API tokens for the REST API in the embedded (dev) run (docs/decisions/031-api-authentication.md).
-- A token is shown once when it is made; only the SHA-256 of its 256 random bits is kept, so a copy
-- of this table signs nobody in. A token acts as its owner with the owner's roles and operator as
-- they are when it is used (read from the account, never stored here), until it expires or is revoked.
-- Tokens belong to people, not to operators: no operator column, so no row-level policy (V36);
-- the service shows a user only their own tokens.
create table api_token (
    id           bigint generated always as identity primary key,
    token_hash   bytea       not null unique check (length(token_hash) = 32),
    -- The first characters of the token, shown in lists so that a user can tell their tokens apart.
    token_prefix text        not null check (length(token_prefix) between 4 and 16),
    owner        text        not null,
    name         text        not null check (btrim(name) <> '' and length(name) <= 100),
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    revoked_at   timestamptz,
    revoked_by   text,
    last_used_at timestamptz,
    constraint api_token_expiry_check check (expires_at > created_at),
    constraint api_token_revocation_check check ((revoked_at is null) = (revoked_by is null))
);

create index api_token_owner_idx on api_token (owner, created_at desc);

comment on column api_token.token_hash is 'SHA-256 of the token as the client sends it; the token itself is never stored.';
