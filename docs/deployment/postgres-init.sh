#!/bin/bash
# First start of the example's PostgreSQL: the two roles of docs/decisions/018-row-level-security.md.
# portal_owner owns the schema and runs the migrations; portal is the application's role: it owns
# nothing and cannot bypass row-level security, and the migrations grant it what it may do.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v owner_password="$PORTAL_OWNER_PASSWORD" -v app_password="$PORTAL_APP_PASSWORD" <<'SQL'
create role portal_owner login password :'owner_password' nosuperuser nobypassrls;
create role portal login password :'app_password' nosuperuser nobypassrls;
alter database provisioning owner to portal_owner;
alter schema public owner to portal_owner;
SQL
