import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spotify's `/me` carries `account_id` (added May 2026), the stable key of a Spotify account,
 * while `id` is a user name: accounts are matched on `spotify_account_id` when Spotify gave one.
 * Accounts connected before the consent time was stored get their creation time as a stand-in,
 * so every account has a refresh-token expiry (consent + 6 months) to warn about.
 */
export class SpotifyAccountKey1765200000000 implements MigrationInterface {
  name = 'SpotifyAccountKey1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "auth"."accounts" ADD "spotify_account_id" text`);
    await q.query(`CREATE UNIQUE INDEX "ux_accounts_spotify_account_id" ON "auth"."accounts" ("spotify_account_id")`);
    await q.query(`UPDATE "auth"."accounts" SET "consented_at" = "created_at" WHERE "consented_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "auth"."ux_accounts_spotify_account_id"`);
    await q.query(`ALTER TABLE "auth"."accounts" DROP COLUMN "spotify_account_id"`);
  }
}
