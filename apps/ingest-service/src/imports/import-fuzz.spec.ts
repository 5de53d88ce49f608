import { INestApplication } from '@nestjs/common';
import { createTestDatabase, rng, TestDatabase } from '@rewind/testing';
import { Client } from 'pg';
import request from 'supertest';
import { buildExtendedExportZip, generateExtendedHistory, historyJson, toAccountData } from './testing/export-generator';
import { createAccount, startIngestApp, uploadFiles, waitForImport } from './testing/import-test-kit';

/**
 * Seeded fuzzing of the importer: valid exports are mutated (bytes flipped, cut, duplicated,
 * values swapped for wrong types, zip bytes damaged) and uploaded. Whatever happens, the service
 * never crashes or answers 5xx, and an import either succeeds with exactly the plays it reports
 * or fails leaving nothing behind.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const CASES = Number(process.env.FUZZ_CASES ?? 60);

type Mutation = (input: Buffer, random: () => number) => Buffer;

const pick = <T>(random: () => number, items: T[]): T => items[Math.floor(random() * items.length)];
const at = (random: () => number, buf: Buffer) => Math.floor(random() * Math.max(1, buf.length));

const WEIRD_VALUES = [
  '"x"',
  '-1',
  '1e309',
  'null',
  'true',
  '[]',
  '{}',
  '"\\u0000"',
  '"\uD800"',
  '99999999999999999999',
  '"2024-13-45T99:99:99Z"',
  '"spotify:track:../../etc/passwd"',
  '"\'; DROP TABLE raw.plays; --"',
];

const MUTATIONS: Record<string, Mutation> = {
  flipBytes: (b, r) => {
    const out = Buffer.from(b);
    for (let i = 0; i < 1 + Math.floor(r() * 8); i++) out[at(r, out)] = Math.floor(r() * 256);
    return out;
  },
  truncate: (b, r) => b.subarray(0, at(r, b)),
  duplicateChunk: (b, r) => {
    const start = at(r, b);
    const end = Math.min(b.length, start + 1 + Math.floor(r() * 200));
    return Buffer.concat([b.subarray(0, end), b.subarray(start, end), b.subarray(end)]);
  },
  insertGarbage: (b, r) => {
    const pos = at(r, b);
    const garbage = Buffer.from(Array.from({ length: 1 + Math.floor(r() * 40) }, () => Math.floor(r() * 256)));
    return Buffer.concat([b.subarray(0, pos), garbage, b.subarray(pos)]);
  },
  wrongTypes: (b, r) => {
    let text = b.toString('utf8');
    for (let i = 0; i < 1 + Math.floor(r() * 5); i++) {
      const key = pick(r, [
        'ts',
        'ms_played',
        'spotify_track_uri',
        'incognito_mode',
        'master_metadata_track_name',
        'offline_timestamp',
        'endTime',
        'msPlayed',
        'trackName',
      ]);
      const matches = [...text.matchAll(new RegExp(`"${key}": ?([^,}\\n]+)`, 'g'))];
      if (!matches.length) continue;
      const m = pick(r, matches);
      text = text.slice(0, m.index! + m[0].length - m[1].length) + pick(r, WEIRD_VALUES) + text.slice(m.index! + m[0].length);
    }
    return Buffer.from(text, 'utf8');
  },
  renameKeys: (b, r) =>
    Buffer.from(b.toString('utf8').replace(/"ms_played"|"ts"|"endTime"/g, (k) => (r() < 0.3 ? `"${k.slice(1, -1)}_x"` : k))),
};

interface Counts {
  plays: number;
  nonMusic: number;
  tracks: number;
  queue: number;
  requests: number;
}

describe('privacy-export imports: seeded fuzzing', () => {
  let database: TestDatabase;
  let db: Client;
  let app: INestApplication;
  let account: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    app = await startIngestApp(database.url, { IMPORT_MAX_BYTES: String(4 * 1024 * 1024) });
    account = await createAccount(db, 'fuzz');
  });

  afterAll(async () => {
    await app?.close();
    await db?.end();
    await database?.drop();
  });

  async function counts(): Promise<Counts> {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM raw.plays)::int AS plays, (SELECT count(*) FROM raw.non_music_listens)::int AS "nonMusic",
              (SELECT count(*) FROM raw.tracks)::int AS tracks, (SELECT count(*) FROM raw.enrichment_queue)::int AS queue,
              (SELECT count(*) FROM raw.transform_requests)::int AS requests`,
    );
    return rows[0];
  }

  it(`survives ${CASES} mutated exports (seed ${SEED}) without a crash, a 5xx or partial data`, async () => {
    const random = rng(SEED);
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < CASES; i++) {
      const { files } = generateExtendedHistory({ seed: SEED + i, rows: 60 + Math.floor(random() * 120), mixed: true });
      const kind = pick(random, ['extended', 'account', 'zip'] as const);
      const base =
        kind === 'zip'
          ? await buildExtendedExportZip(files.slice(0, 2))
          : Buffer.from(historyJson(kind === 'account' ? toAccountData(files[0]) : files[0]));
      const mutationName = pick(random, Object.keys(MUTATIONS));
      const mutated = MUTATIONS[mutationName](base, random);
      const name =
        kind === 'zip'
          ? 'my_spotify_data.zip'
          : kind === 'account'
            ? 'StreamingHistory_music_0.json'
            : 'Streaming_History_Audio_2024_0.json';
      const label = `case ${i}: ${kind} + ${mutationName}`;

      const before = await counts();
      const upload = await uploadFiles(app, account, [{ name, content: mutated }]);
      if (upload.status !== 202) {
        // Refused up front: a clear 4xx and nothing stored.
        expect({ label, status: upload.status < 500 && upload.status >= 400, shape: typeof upload.body.message }).toEqual({
          label,
          status: true,
          shape: 'string',
        });
        expect(await counts()).toEqual(before);
        outcomes[`refused ${upload.status}`] = (outcomes[`refused ${upload.status}`] ?? 0) + 1;
        continue;
      }
      const job = await waitForImport(app, upload.body.importId);
      const after = await counts();
      if (job.status === 'failed') {
        expect({ label, error: typeof job.error === 'string' && job.error.length > 0 }).toEqual({ label, error: true });
        expect({ label, after }).toEqual({ label, after: before });
      } else {
        expect({ label, inserted: after.plays - before.plays }).toEqual({ label, inserted: job.playsInserted });
        // Whatever was accepted obeys the rules of docs/metrics.md, "Imported plays".
        const bad = await db.query(
          `SELECT count(*)::int AS n FROM raw.plays WHERE import_id = $1 AND (ms_played < 30000 OR (track_id IS NULL AND track_name IS NULL))`,
          [job.id],
        );
        expect({ label, violations: bad.rows[0].n }).toEqual({ label, violations: 0 });
      }
      outcomes[job.status] = (outcomes[job.status] ?? 0) + 1;
    }
    await request(app.getHttpServer()).get('/health/ready').expect(200);
    // The mutations must exercise both paths, or the test proves nothing.
    expect(outcomes.failed ?? 0).toBeGreaterThan(0);
    expect(outcomes.succeeded ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
