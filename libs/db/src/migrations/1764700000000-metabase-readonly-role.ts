import { MigrationInterface, QueryRunner } from 'typeorm';

/** The read-only role Metabase connects as (tools/metabase). Roles are cluster-wide. */
export const METABASE_ROLE = 'rewind_metabase';

/**
 * A NOLOGIN role that may read schema `marts` and nothing else: USAGE on the schema, SELECT on
 * every table and view in it, and default privileges so the tables transform-service rebuilds
 * later (built as `<name>__building` and swapped in) stay readable. Default privileges apply to
 * objects created by the role running this migration, which is the role transform-service
 * connects as (same DATABASE_URL). A migration cannot hold a secret, so the password and LOGIN
 * are set from METABASE_DB_PASSWORD by tools/metabase (`ALTER ROLE ... LOGIN PASSWORD`).
 * Without the CREATEROLE privilege (a managed database) the migration only warns: Metabase is optional.
 */
export class MetabaseReadonlyRole1764700000000 implements MigrationInterface {
  name = 'MetabaseReadonlyRole1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${METABASE_ROLE}') THEN
    BEGIN
      CREATE ROLE "${METABASE_ROLE}" NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another database's migration
      WHEN insufficient_privilege THEN
        RAISE WARNING 'cannot create role ${METABASE_ROLE} (needs CREATEROLE): Metabase''s read-only role is not set up';
        RETURN;
    END;
  END IF;
  REVOKE ALL ON SCHEMA "auth", "raw", "transform" FROM "${METABASE_ROLE}";
  GRANT USAGE ON SCHEMA "marts" TO "${METABASE_ROLE}";
  GRANT SELECT ON ALL TABLES IN SCHEMA "marts" TO "${METABASE_ROLE}";
  ALTER DEFAULT PRIVILEGES IN SCHEMA "marts" GRANT SELECT ON TABLES TO "${METABASE_ROLE}";
END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${METABASE_ROLE}') THEN RETURN; END IF;
  ALTER DEFAULT PRIVILEGES IN SCHEMA "marts" REVOKE SELECT ON TABLES FROM "${METABASE_ROLE}";
  REVOKE SELECT ON ALL TABLES IN SCHEMA "marts" FROM "${METABASE_ROLE}";
  REVOKE USAGE ON SCHEMA "marts" FROM "${METABASE_ROLE}";
  BEGIN
    DROP ROLE "${METABASE_ROLE}";
  EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
    NULL; -- still granted in another database of the cluster: keep the role
  END;
END $$`);
  }
}
