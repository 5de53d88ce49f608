import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_GRANTS_SQL, SERVICE_ROLES } from '../service-roles';

/**
 * One NOLOGIN role per service that can write only its own schema and read only what it needs
 * (SERVICE_GRANTS_SQL). `npm start` and `npm run db:migrate` give them LOGIN and a password.
 *
 * A load holds its account row FOR KEY SHARE (apps/ingest-service/src/shared/account-lock.ts),
 * which PostgreSQL allows only to roles that may UPDATE the table: ingest-service gets that one
 * lock through auth.lock_account_for_load, which runs as auth-service's role, instead of a grant
 * to write auth.accounts.
 */
export class ServiceRoles1765300000000 implements MigrationInterface {
  name = 'ServiceRoles1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION "auth"."lock_account_for_load"(account uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM 1 FROM "auth"."accounts" WHERE id = account FOR KEY SHARE;
  RETURN FOUND;
END $$`);
    await q.query(`REVOKE ALL ON FUNCTION "auth"."lock_account_for_load"(uuid) FROM PUBLIC`);
    await q.query(SERVICE_GRANTS_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS "auth"."lock_account_for_load"(uuid)`);
    for (const role of Object.values(SERVICE_ROLES)) {
      await q.query(`
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN RETURN; END IF;
  REASSIGN OWNED BY "${role}" TO CURRENT_USER;
  DROP OWNED BY "${role}";
  BEGIN
    DROP ROLE "${role}";
  EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
    NULL; -- still granted in another database of the cluster: keep the role
  END;
END $$`);
    }
  }
}
