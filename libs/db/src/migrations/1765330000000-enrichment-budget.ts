import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enrichment spends a daily call budget (ENRICHMENT_DAILY_CALLS), most-played items first:
 * `raw.enrichment_budget` counts the calls of each UTC day across replicas, and
 * `raw.enrichment_queue.plays` is an item's play count when it was prioritised (null until then).
 */
export class EnrichmentBudget1765330000000 implements MigrationInterface {
  name = 'EnrichmentBudget1765330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "raw"."enrichment_queue" ADD "plays" integer`);
    await q.query(
      `CREATE TABLE "raw"."enrichment_budget" ("day" date NOT NULL, "calls" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_enrichment_budget" PRIMARY KEY ("day"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "raw"."enrichment_budget"`);
    await q.query(`ALTER TABLE "raw"."enrichment_queue" DROP COLUMN "plays"`);
  }
}
