#!/bin/bash
# Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d), as POSTGRES_USER.
# Each service logs in as its own role, never the superuser: the command service as safecase_command (it
# may read and append to the event store, never change it), the query service as safecase_query (it owns
# its projections and cannot connect to the event store). safecase_owner owns the event store's and the
# privacy database's tables; the command service's migrations run as it. Passwords come from the
# environment (psql variables, so any character is safe).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v owner_password="$SAFECASE_OWNER_DB_PASSWORD" \
     -v command_password="$SAFECASE_COMMAND_DB_PASSWORD" \
     -v query_password="$SAFECASE_QUERY_DB_PASSWORD" <<'SQL'
CREATE ROLE safecase_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE safecase_command LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'command_password';
CREATE ROLE safecase_query LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'query_password';
-- the database the command service's migrations own; its own login gets only what V7 grants it
CREATE DATABASE safecase_events OWNER safecase_owner;
-- data keys, the subject index and the read log (deploy/postgres/privacy-grants.sql narrows it further)
CREATE DATABASE safecase_privacy OWNER safecase_owner;
CREATE DATABASE safecase_query OWNER safecase_query;
SQL
