import { MigrationInterface, QueryRunner } from 'typeorm';

/** raw.import_jobs.skipped_files: the files of an export that hold no listening history, and why. */
export class ImportSkippedFiles1765320000000 implements MigrationInterface {
  name = 'ImportSkippedFiles1765320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "raw"."import_jobs" ADD "skipped_files" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "raw"."import_jobs" DROP COLUMN "skipped_files"`);
  }
}
