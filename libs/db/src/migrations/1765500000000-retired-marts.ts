import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Relations of SQL models that no longer exist: the rollups of the removed SQL stats path and the
 * per-play session totals that mart_sessions no longer needs. Nothing builds or reads them any
 * more, so an upgraded database would keep their rows (hundreds of bytes per play) for ever.
 */
const RETIRED_MODELS = [
  'int_session_plays',
  'agg_period',
  'agg_period_tracks',
  'agg_period_artists',
  'agg_period_albums',
  'agg_period_genres',
  'agg_period_hourly',
  'agg_alltime_tracks',
  'agg_alltime_artists',
  'agg_alltime_albums',
  'agg_daily_albums',
  'mart_heatmap',
  'mart_wrapped',
];

export class RetiredMarts1765500000000 implements MigrationInterface {
  name = 'RetiredMarts1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const names = RETIRED_MODELS.map((n) => `'${n}'`).join(', ');
    await q.query(`
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'marts' AND c.relkind IN ('r', 'v', 'm') AND c.relname IN (${names}) LOOP
          BEGIN
            EXECUTE format(
              CASE r.relkind WHEN 'v' THEN 'DROP VIEW marts.%I CASCADE' WHEN 'm' THEN 'DROP MATERIALIZED VIEW marts.%I CASCADE' ELSE 'DROP TABLE marts.%I CASCADE' END,
              r.relname);
          EXCEPTION WHEN insufficient_privilege THEN
            -- Owned by a role this migration cannot act for: left in place, never read.
            RAISE NOTICE 'marts.% kept: %', r.relname, SQLERRM;
          END;
        END LOOP;
      END $$`);
    await q.query(`DELETE FROM "transform"."model_state" WHERE "name" IN (${names})`);
  }

  async down(): Promise<void> {
    // Nothing to restore: no model builds these relations any more.
  }
}
