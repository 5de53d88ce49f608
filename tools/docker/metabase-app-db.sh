#!/bin/sh
# Metabase's application database (its settings, users, questions) and the login Metabase uses for
# it, created or brought up to date on every `docker compose up` with the superuser (PG* variables):
# the role can log in, owns its database and what is in it, and has no other privilege.
# A database first created by the superuser (older stacks) is handed over to the role.
set -eu
: "${METABASE_APP_DB_PASSWORD:?set METABASE_APP_DB_PASSWORD}"
role="${METABASE_APP_DB_USER:-metabase_app}"
database="${METABASE_APP_DB_NAME:-metabase}"

psql -X -q -v ON_ERROR_STOP=1 -v role="$role" -v database="$database" -v password="$METABASE_APP_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'database') \gexec
ALTER DATABASE :"database" OWNER TO :"role";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
\connect :"database"
ALTER SCHEMA public OWNER TO :"role";
SELECT format('ALTER TABLE %I.%I OWNER TO %I', n.nspname, c.relname, :'role')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
   AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = :'role')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
\gexec
SQL
echo "metabase app db: role $role owns database $database"
