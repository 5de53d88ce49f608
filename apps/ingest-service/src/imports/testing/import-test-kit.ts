import { INestApplication } from '@nestjs/common';
import { loadEnv } from '@rewind/config';
import { baseTestEnv, createServiceTestApp } from '@rewind/testing';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { AppModule } from '../../app.module';
import { ingestEnv } from '../../config/ingest.config';
import { SERVICE } from '../../service';
import type { ImportStatusDto } from '../dto/import-status.dto';

export async function importTestConfig(databaseUrl: string, overrides: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-imports-'));
  const env = { ...baseTestEnv(databaseUrl), IMPORT_DIR: dir, IMPORT_POLL_MS: '100', IMPORT_PROGRESS_MS: '20', ...overrides };
  return loadEnv(ingestEnv, env as NodeJS.ProcessEnv);
}

export async function startIngestApp(databaseUrl: string, overrides: Record<string, string> = {}): Promise<INestApplication> {
  return createServiceTestApp(AppModule.forRoot(await importTestConfig(databaseUrl, overrides)), SERVICE);
}

export async function createAccount(db: Client, spotifyUserId: string): Promise<string> {
  const result = await db.query<{ id: string }>('INSERT INTO auth.accounts (spotify_user_id) VALUES ($1) RETURNING id', [spotifyUserId]);
  return result.rows[0].id;
}

/** Waits (no deadline of its own: Jest's timeout bounds it) until the job has finished. */
export async function waitForImport(app: INestApplication, id: string): Promise<ImportStatusDto> {
  for (;;) {
    const res = await request(app.getHttpServer()).get(`/api/ingest/imports/${id}`).expect(200);
    if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body as ImportStatusDto;
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function uploadFiles(app: INestApplication, accountId: string, files: { name: string; content: Buffer | string }[]) {
  let req = request(app.getHttpServer()).post(`/api/ingest/imports?accountId=${accountId}`);
  for (const f of files) req = req.attach('files', Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content), f.name);
  return req;
}

/** Uploads and waits for the job to finish. */
export async function importFiles(
  app: INestApplication,
  accountId: string,
  files: { name: string; content: Buffer | string }[],
): Promise<ImportStatusDto> {
  const res = await uploadFiles(app, accountId, files);
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
  return waitForImport(app, res.body.importId);
}
