import { INestApplication } from '@nestjs/common';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { Client } from 'pg';
import request from 'supertest';
import { generateExtendedHistory, historyJson } from './imports/testing/export-generator';
import { createAccount, importFiles, startIngestApp } from './imports/testing/import-test-kit';

/** One pool per process (libs/service-kit DatabaseModule): seen from PostgreSQL, while working and after shutdown. */
describe('ingest-service database connections', () => {
  let database: TestDatabase;
  let db: Client;
  let app: INestApplication | undefined;

  const connections = async () =>
    (
      await db.query<{ name: string; n: number }>(
        `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1 ORDER BY 1`,
      )
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await app?.close();
    await db?.end();
    await database?.drop();
  });

  it('imports and reports readiness through one pool named ingest-service, and closes it on shutdown', async () => {
    app = await startIngestApp(database.url, { INGEST_CONCURRENCY: '2' });
    const account = await createAccount(db, 'connections');
    const { files } = generateExtendedHistory({ seed: 7, rows: 200, rowsPerFile: 200, tracks: 20 });
    const job = await importFiles(app, account, [{ name: 'Streaming_History_Audio_2024.json', content: historyJson(files[0]) }]);
    expect(job.status).toBe('succeeded');
    await request(app.getHttpServer()).get('/health/ready').expect(200);

    const open = await connections();
    expect(open.map((c) => c.name)).toEqual(['ingest-service']);
    expect(open[0].n).toBeLessThanOrEqual(2 + 10);

    await app.close();
    app = undefined;
    for (let i = 0; i < 100 && (await connections()).length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await connections()).toEqual([]);
  });
});
