import { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMAS = ['auth', 'raw', 'transform', 'marts'];

/** Schemas and tables of every service (docs/data-model.md). */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const schema of SCHEMAS) await q.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await q.query(
      `CREATE TABLE "auth"."accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "spotify_user_id" text NOT NULL, "display_name" text, "label" text, "status" text NOT NULL DEFAULT 'active', "status_reason" text, "time_zone" text, "is_demo" boolean NOT NULL DEFAULT false, "consented_at" TIMESTAMP WITH TIME ZONE, "last_refresh_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "ux_accounts_spotify_user_id" ON "auth"."accounts"  ("spotify_user_id") `);
    await q.query(
      `CREATE TABLE "auth"."account_tokens" ("account_id" uuid NOT NULL, "refresh_token_ciphertext" bytea NOT NULL, "refresh_token_key_id" text NOT NULL, "access_token_ciphertext" bytea, "access_token_key_id" text, "access_token_expires_at" TIMESTAMP WITH TIME ZONE, "scope" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_870787de4c0e110e30ba3df237b" PRIMARY KEY ("account_id"))`,
    );
    await q.query(
      `CREATE TABLE "auth"."oauth_states" ("state_hash" text NOT NULL, "code_verifier_ciphertext" bytea NOT NULL, "key_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "consumed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5defe4681c33ccfc0f935f51398" PRIMARY KEY ("state_hash"))`,
    );
    await q.query(`CREATE INDEX "ix_oauth_states_expires_at" ON "auth"."oauth_states"  ("expires_at") `);
    await q.query(
      `CREATE TABLE "raw"."artists" ("id" text NOT NULL, "name" text NOT NULL, "image_url" text, "enriched_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_09b823d4607d2675dc4ffa82261" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "raw"."artist_genres" ("artist_id" text NOT NULL, "genre" text NOT NULL, CONSTRAINT "PK_44738a9d2852c93c0edd5f10acc" PRIMARY KEY ("artist_id", "genre"))`,
    );
    await q.query(`CREATE INDEX "ix_artist_genres_genre" ON "raw"."artist_genres"  ("genre") `);
    await q.query(
      `CREATE TABLE "raw"."albums" ("id" text NOT NULL, "name" text NOT NULL, "album_type" text, "release_date" text, "release_date_precision" text, "total_tracks" integer, "image_url" text, "images" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_838ebae24d2e12082670ffc95d7" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "raw"."album_artists" ("album_id" text NOT NULL, "position" smallint NOT NULL, "artist_id" text NOT NULL, CONSTRAINT "PK_a00f2cd539f19bc3e6afbe5909a" PRIMARY KEY ("album_id", "position"))`,
    );
    await q.query(
      `CREATE TABLE "raw"."tracks" ("id" text NOT NULL, "name" text NOT NULL, "album_id" text, "duration_ms" integer, "explicit" boolean, "isrc" text, "disc_number" integer, "track_number" integer, "is_local" boolean NOT NULL DEFAULT false, "enriched_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_242a37ffc7870380f0e611986e8" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_tracks_album_id" ON "raw"."tracks"  ("album_id") `);
    await q.query(
      `CREATE TABLE "raw"."track_artists" ("track_id" text NOT NULL, "position" smallint NOT NULL, "artist_id" text NOT NULL, CONSTRAINT "PK_d8d07bd92ac76c877d6b64843a6" PRIMARY KEY ("track_id", "position"))`,
    );
    await q.query(`CREATE INDEX "ix_track_artists_artist_id" ON "raw"."track_artists"  ("artist_id") `);
    await q.query(
      `CREATE TABLE "raw"."ingest_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid, "trigger" text NOT NULL DEFAULT 'schedule', "status" text NOT NULL DEFAULT 'running', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "fetched" integer NOT NULL DEFAULT '0', "inserted" integer NOT NULL DEFAULT '0', "duplicates" integer NOT NULL DEFAULT '0', "error" text, "gap_detected" boolean NOT NULL DEFAULT false, "gap_from" TIMESTAMP(3) WITH TIME ZONE, "gap_to" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_182d40b3089f639e72d9d70b59e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_ingest_runs_account_started" ON "raw"."ingest_runs"  ("account_id", "started_at") `);
    await q.query(
      `CREATE TABLE "raw"."poll_state" ("account_id" uuid NOT NULL, "lease_owner" text, "leased_until" TIMESTAMP WITH TIME ZONE, "last_polled_at" TIMESTAMP WITH TIME ZONE, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a5ab4ad102007916ce9566e80b0" PRIMARY KEY ("account_id"))`,
    );
    await q.query(
      `CREATE TABLE "raw"."import_jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'queued', "files" jsonb NOT NULL DEFAULT '[]', "storage_path" text, "rows_read" integer NOT NULL DEFAULT '0', "plays_inserted" integer NOT NULL DEFAULT '0', "duplicates" integer NOT NULL DEFAULT '0', "skipped_short" integer NOT NULL DEFAULT '0', "skipped_incognito" integer NOT NULL DEFAULT '0', "skipped_podcast" integer NOT NULL DEFAULT '0', "skipped_invalid" integer NOT NULL DEFAULT '0', "invalid_reasons" jsonb NOT NULL DEFAULT '[]', "progress" real NOT NULL DEFAULT '0', "error" text, "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "heartbeat_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4d206c602f173f98e4bb85819a3" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_import_jobs_status" ON "raw"."import_jobs"  ("status") `);
    await q.query(`CREATE INDEX "ix_import_jobs_account_created" ON "raw"."import_jobs"  ("account_id", "created_at") `);
    await q.query(
      `CREATE TABLE "raw"."enrichment_queue" ("kind" text NOT NULL, "spotify_id" text NOT NULL, "account_id" uuid, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "enqueued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b100326ea233bac1d974573e718" PRIMARY KEY ("kind", "spotify_id"))`,
    );
    await q.query(`CREATE INDEX "ix_enrichment_queue_due" ON "raw"."enrichment_queue"  ("next_attempt_at") `);
    await q.query(
      `CREATE TABLE "raw"."transform_requests" ("id" BIGSERIAL NOT NULL, "source" text NOT NULL, "account_id" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "consumed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a4ae08ce37aee29e6488ba82d5b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_transform_requests_pending" ON "raw"."transform_requests"  ("consumed_at", "id") `);
    await q.query(
      `CREATE TABLE "raw"."plays" ("account_id" uuid NOT NULL, "played_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "track_id" text, "track_name" text, "artist_name" text, "album_name" text, "ms_played" integer, "source" text NOT NULL, "context_uri" text, "reason_start" text, "reason_end" text, "shuffle" boolean, "skipped" boolean, "offline" boolean, "offline_at" TIMESTAMP WITH TIME ZONE, "platform" text, "conn_country" text, "ingest_run_id" uuid, "import_id" uuid, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_e2cf3f0fcdd97948882008813ea" PRIMARY KEY ("account_id", "played_at"))`,
    );
    await q.query(`CREATE INDEX "ix_plays_account_loaded_at" ON "raw"."plays"  ("account_id", "loaded_at") `);
    await q.query(`CREATE INDEX "ix_plays_account_track" ON "raw"."plays"  ("account_id", "track_id") `);
    await q.query(
      `CREATE TABLE "raw"."non_music_listens" ("account_id" uuid NOT NULL, "played_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "kind" text NOT NULL, "ms_played" integer NOT NULL, "show_name" text, "episode_name" text, "episode_uri" text, "audiobook_title" text, "audiobook_uri" text, "chapter_title" text, "chapter_uri" text, "platform" text, "import_id" uuid, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_c931e44683deded554966feb812" PRIMARY KEY ("account_id", "played_at", "kind"))`,
    );
    await q.query(
      `CREATE TABLE "transform"."model_versions" ("id" BIGSERIAL NOT NULL, "name" text NOT NULL, "version" text NOT NULL, "checksum" text NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_77c0256872dcc26394dba4b87ec" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_model_versions_name_applied" ON "transform"."model_versions"  ("name", "applied_at") `);
    await q.query(
      `CREATE TABLE "transform"."model_state" ("name" text NOT NULL, "version" text NOT NULL, "checksum" text NOT NULL, "materialization" text NOT NULL, "watermark" text, "last_run_id" uuid, "built_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_adb182f59eb45844e515ecaa015" PRIMARY KEY ("name"))`,
    );
    await q.query(
      `CREATE TABLE "transform"."runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" text NOT NULL DEFAULT 'queued', "trigger" text NOT NULL DEFAULT 'manual', "select" text, "full_refresh" boolean NOT NULL DEFAULT false, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "error" text, CONSTRAINT "PK_46d6a1e257c38ba58f1a3c30836" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_transform_runs_requested" ON "transform"."runs"  ("requested_at") `);
    await q.query(
      `CREATE TABLE "transform"."run_models" ("run_id" uuid NOT NULL, "name" text NOT NULL, "version" text NOT NULL, "materialization" text NOT NULL, "status" text NOT NULL, "rows" bigint, "duration_ms" integer, "error" text, CONSTRAINT "PK_1e28cc2995922f1b78fda5e1ac8" PRIMARY KEY ("run_id", "name"))`,
    );
    await q.query(
      `CREATE TABLE "transform"."test_results" ("run_id" uuid NOT NULL, "name" text NOT NULL, "model" text, "status" text NOT NULL, "failures" integer NOT NULL DEFAULT '0', "error" text, CONSTRAINT "PK_8f2225453c75d486127b8b5cb28" PRIMARY KEY ("run_id", "name"))`,
    );
    await q.query(
      `ALTER TABLE "auth"."account_tokens" ADD CONSTRAINT "fk_account_tokens_account" FOREIGN KEY ("account_id") REFERENCES "auth"."accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "auth"."account_tokens" DROP CONSTRAINT "fk_account_tokens_account"`);
    await q.query(`DROP TABLE "transform"."test_results"`);
    await q.query(`DROP TABLE "transform"."run_models"`);
    await q.query(`DROP INDEX "transform"."ix_transform_runs_requested"`);
    await q.query(`DROP TABLE "transform"."runs"`);
    await q.query(`DROP TABLE "transform"."model_state"`);
    await q.query(`DROP INDEX "transform"."ix_model_versions_name_applied"`);
    await q.query(`DROP TABLE "transform"."model_versions"`);
    await q.query(`DROP TABLE "raw"."non_music_listens"`);
    await q.query(`DROP INDEX "raw"."ix_plays_account_track"`);
    await q.query(`DROP INDEX "raw"."ix_plays_account_loaded_at"`);
    await q.query(`DROP TABLE "raw"."plays"`);
    await q.query(`DROP INDEX "raw"."ix_transform_requests_pending"`);
    await q.query(`DROP TABLE "raw"."transform_requests"`);
    await q.query(`DROP INDEX "raw"."ix_enrichment_queue_due"`);
    await q.query(`DROP TABLE "raw"."enrichment_queue"`);
    await q.query(`DROP INDEX "raw"."ix_import_jobs_account_created"`);
    await q.query(`DROP INDEX "raw"."ix_import_jobs_status"`);
    await q.query(`DROP TABLE "raw"."import_jobs"`);
    await q.query(`DROP TABLE "raw"."poll_state"`);
    await q.query(`DROP INDEX "raw"."ix_ingest_runs_account_started"`);
    await q.query(`DROP TABLE "raw"."ingest_runs"`);
    await q.query(`DROP INDEX "raw"."ix_track_artists_artist_id"`);
    await q.query(`DROP TABLE "raw"."track_artists"`);
    await q.query(`DROP INDEX "raw"."ix_tracks_album_id"`);
    await q.query(`DROP TABLE "raw"."tracks"`);
    await q.query(`DROP TABLE "raw"."album_artists"`);
    await q.query(`DROP TABLE "raw"."albums"`);
    await q.query(`DROP INDEX "raw"."ix_artist_genres_genre"`);
    await q.query(`DROP TABLE "raw"."artist_genres"`);
    await q.query(`DROP TABLE "raw"."artists"`);
    await q.query(`DROP INDEX "auth"."ix_oauth_states_expires_at"`);
    await q.query(`DROP TABLE "auth"."oauth_states"`);
    await q.query(`DROP TABLE "auth"."account_tokens"`);
    await q.query(`DROP INDEX "auth"."ux_accounts_spotify_user_id"`);
    await q.query(`DROP TABLE "auth"."accounts"`);
    // marts holds tables built by transform-service, so it goes with everything in it.
    for (const schema of [...SCHEMAS].reverse()) await q.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}
