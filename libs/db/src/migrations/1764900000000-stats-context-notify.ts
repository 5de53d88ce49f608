import { MigrationInterface, QueryRunner } from 'typeorm';
import { STATS_CONTEXT_CHANNEL } from '../entities/transform';

/**
 * stats-api remembers each account's context and the marts version between requests and forgets
 * them when told: these triggers NOTIFY STATS_CONTEXT_CHANNEL at the commit of any change to
 * transform.runs (a run finishing is a new marts version) or to the accounts and their time zones.
 * Statement-level, so a bulk change is one notification.
 */
export class StatsContextNotify1764900000000 implements MigrationInterface {
  name = 'StatsContextNotify1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "transform"."notify_stats_context"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${STATS_CONTEXT_CHANNEL}', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "stats_context_runs" AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "finished_at", "requested_at" ON "transform"."runs" FOR EACH STATEMENT EXECUTE FUNCTION "transform"."notify_stats_context"()`,
    );
    await q.query(
      `CREATE TRIGGER "stats_context_accounts" AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "time_zone" ON "auth"."accounts" FOR EACH STATEMENT EXECUTE FUNCTION "transform"."notify_stats_context"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "stats_context_accounts" ON "auth"."accounts"`);
    await q.query(`DROP TRIGGER "stats_context_runs" ON "transform"."runs"`);
    await q.query(`DROP FUNCTION "transform"."notify_stats_context"()`);
  }
}
