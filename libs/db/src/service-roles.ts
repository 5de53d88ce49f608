import { Client } from 'pg';

/** The PostgreSQL role each service connects as under `npm start` (and docker compose). Roles are cluster-wide. */
export const SERVICE_ROLES = {
  auth: 'rewind_auth',
  ingest: 'rewind_ingest',
  transform: 'rewind_transform',
  stats: 'rewind_stats',
} as const;
export type ServiceRoleName = keyof typeof SERVICE_ROLES;

const METABASE_ROLE = 'rewind_metabase';
const SCHEMAS = '"auth", "raw", "transform", "marts"';
const [AUTH, INGEST, TRANSFORM, STATS] = Object.values(SERVICE_ROLES).map((r) => `"${r}"`);

/**
 * What each service may do, from the SQL it runs (grep of apps/<service>/src):
 * - auth-service writes auth.*, deletes an account's rows in raw.* and marts.* (DELETE ?purge=true)
 *   and asks for a rebuild when a time zone changes (raw.transform_requests);
 * - ingest-service writes raw.*, reads auth.accounts and transform.* (incidents, notifications);
 * - transform-service owns marts (it creates, swaps and drops its tables), writes transform.*,
 *   reads raw.* and auth.accounts, and marks raw.transform_requests consumed;
 * - stats-api reads marts.*, raw.*, auth.accounts, auth.shares and transform.runs, and writes nothing.
 * Idempotent: every grant is revoked and given again, so it also covers the tables later
 * migrations add (migrateDatabase runs it after every migration run).
 */
export const SERVICE_GRANTS_SQL = `
DO $grants$
DECLARE
  object record;
BEGIN
  BEGIN
    ${Object.values(SERVICE_ROLES)
      .map((r) => `IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${r}') THEN CREATE ROLE "${r}" NOLOGIN; END IF;`)
      .join('\n    ')}
  EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another database's migration
    WHEN insufficient_privilege THEN
      RAISE WARNING 'cannot create the service roles (needs CREATEROLE): every service keeps connecting as DATABASE_URL''s user';
      RETURN;
  END;

  REVOKE ALL ON ALL TABLES IN SCHEMA ${SCHEMAS} FROM ${AUTH}, ${INGEST}, ${STATS};
  REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${SCHEMAS} FROM ${AUTH}, ${INGEST}, ${STATS};
  REVOKE ALL ON SCHEMA ${SCHEMAS} FROM ${AUTH}, ${INGEST}, ${TRANSFORM}, ${STATS};

  -- transform-service builds marts: it owns the schema and everything in it.
  ALTER SCHEMA "marts" OWNER TO ${TRANSFORM};
  GRANT USAGE, CREATE ON SCHEMA "marts" TO ${TRANSFORM};
  FOR object IN
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'marts' AND c.relkind IN ('r', 'v', 'm', 'p', 'S') AND pg_get_userbyid(c.relowner) <> '${SERVICE_ROLES.transform}'
  LOOP
    EXECUTE format('ALTER %s "marts".%I OWNER TO ${TRANSFORM}',
      CASE object.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, object.relname);
  END LOOP;

  GRANT USAGE ON SCHEMA "auth", "raw", "marts" TO ${AUTH};
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "auth" TO ${AUTH};
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "auth" TO ${AUTH};
  GRANT SELECT, DELETE ON ALL TABLES IN SCHEMA "raw", "marts" TO ${AUTH};
  GRANT INSERT ON "raw"."transform_requests" TO ${AUTH};
  GRANT USAGE ON ALL SEQUENCES IN SCHEMA "raw" TO ${AUTH};

  GRANT USAGE ON SCHEMA "auth", "raw", "transform" TO ${INGEST};
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "raw" TO ${INGEST};
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "raw" TO ${INGEST};
  GRANT SELECT ON "auth"."accounts" TO ${INGEST};
  IF to_regprocedure('"auth"."lock_account_for_load"(uuid)') IS NOT NULL THEN
    ALTER FUNCTION "auth"."lock_account_for_load"(uuid) OWNER TO ${AUTH};
    GRANT EXECUTE ON FUNCTION "auth"."lock_account_for_load"(uuid) TO ${INGEST};
  END IF;
  GRANT SELECT ON ALL TABLES IN SCHEMA "transform" TO ${INGEST};

  GRANT USAGE ON SCHEMA "auth", "raw", "transform" TO ${TRANSFORM};
  GRANT SELECT ON ALL TABLES IN SCHEMA "raw" TO ${TRANSFORM};
  GRANT UPDATE ON "raw"."transform_requests" TO ${TRANSFORM};
  GRANT SELECT ON "auth"."accounts" TO ${TRANSFORM};
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "transform" TO ${TRANSFORM};
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "transform" TO ${TRANSFORM};

  GRANT USAGE ON SCHEMA "auth", "raw", "transform", "marts" TO ${STATS};
  GRANT SELECT ON ALL TABLES IN SCHEMA "raw", "marts" TO ${STATS};
  GRANT SELECT ON "auth"."accounts", "transform"."runs" TO ${STATS};
  -- a share link's recap (GET /api/share/:id) is answered by stats-api
  IF to_regclass('"auth"."shares"') IS NOT NULL THEN GRANT SELECT ON "auth"."shares" TO ${STATS}; END IF;

  -- the tables transform-service creates later in marts stay readable (and purgeable)
  ALTER DEFAULT PRIVILEGES FOR ROLE ${TRANSFORM} IN SCHEMA "marts" GRANT SELECT ON TABLES TO ${STATS};
  ALTER DEFAULT PRIVILEGES FOR ROLE ${TRANSFORM} IN SCHEMA "marts" GRANT SELECT, DELETE ON TABLES TO ${AUTH};
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${METABASE_ROLE}') THEN
    GRANT USAGE ON SCHEMA "marts" TO "${METABASE_ROLE}";
    GRANT SELECT ON ALL TABLES IN SCHEMA "marts" TO "${METABASE_ROLE}";
    ALTER DEFAULT PRIVILEGES FOR ROLE ${TRANSFORM} IN SCHEMA "marts" GRANT SELECT ON TABLES TO "${METABASE_ROLE}";
  END IF;
END $grants$`;

/** Applies SERVICE_GRANTS_SQL (see there) on the database of `url`, connected as a role that may grant (its owner). */
export async function applyServiceGrants(url: string): Promise<void> {
  const client = new Client({ connectionString: url, application_name: 'rewind-migrate' });
  await client.connect();
  try {
    await client.query(SERVICE_GRANTS_SQL);
  } finally {
    await client.end();
  }
}

/** `url` with another user and password. */
export function urlForRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * Lets each service role log in with its password (a migration cannot hold secrets) and returns
 * each service's connection URL. Null when `url`'s user may not do it (no CREATEROLE, roles not
 * created): the caller keeps `url` for every service.
 */
export async function enableServiceRoles(
  url: string,
  passwords: Record<ServiceRoleName, string>,
): Promise<Record<ServiceRoleName, string> | null> {
  const client = new Client({ connectionString: url, application_name: 'rewind-migrate' });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ANY($1)`, [
      Object.values(SERVICE_ROLES),
    ]);
    if (rows[0].n !== Object.keys(SERVICE_ROLES).length) return null;
    for (const [service, role] of Object.entries(SERVICE_ROLES)) {
      const password = passwords[service as ServiceRoleName];
      await client.query(`ALTER ROLE "${role}" LOGIN PASSWORD ${client.escapeLiteral(password)}`);
    }
  } catch (error) {
    if ((error as { code?: string }).code === '42501') return null; // insufficient_privilege
    throw error;
  } finally {
    await client.end();
  }
  const urls = {} as Record<ServiceRoleName, string>;
  for (const [service, role] of Object.entries(SERVICE_ROLES))
    urls[service as ServiceRoleName] = urlForRole(url, role, passwords[service as ServiceRoleName]);
  return urls;
}
