import { MigrationInterface, QueryRunner } from 'typeorm';
import { PLAY_ENDED_AT_SQL } from '../entities/raw/play.entity';

/**
 * raw.plays.ended_at: the end of each listen, `played_at + ms_played`, computed by PostgreSQL
 * (a stored generated column, so every writer gets it). Spotify names a listen by its end
 * (recently-played's played_at, an export's ts or endTime), so a poll and an import of the same
 * listen are matched on it (apps/ingest-service/src/imports/play-matching.ts).
 *
 * Polled plays stored before this migration have no ms_played and their played_at is Spotify's
 * instant as it was reported, which is the end: `ended_at = played_at` is right for them too.
 * The expression is written with `AT TIME ZONE 'UTC'` so that it is immutable.
 */
export class PlayEndedAt1765310000000 implements MigrationInterface {
  name = 'PlayEndedAt1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "raw"."plays" ADD "ended_at" TIMESTAMP(3) WITH TIME ZONE GENERATED ALWAYS AS (${PLAY_ENDED_AT_SQL}) STORED NOT NULL`,
    );
    await q.query(`CREATE INDEX "ix_plays_account_ended_at" ON "raw"."plays" ("account_id", "ended_at")`);
    // TypeORM compares a generated column's expression with the one it recorded here
    await q.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'raw', 'plays', 'GENERATED_COLUMN', 'ended_at', $1)`,
      [PLAY_ENDED_AT_SQL],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "raw"."ix_plays_account_ended_at"`);
    await q.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "schema" = 'raw' AND "table" = 'plays' AND "name" = 'ended_at'`,
    );
    await q.query(`ALTER TABLE "raw"."plays" DROP COLUMN "ended_at"`);
  }
}
