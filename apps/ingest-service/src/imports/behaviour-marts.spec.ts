import { INestApplication } from '@nestjs/common';
import { buildAllModels } from '@rewind/models';
import { exportPlayRows, generateExport } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { createAccount, importFiles, startIngestApp } from './testing/import-test-kit';

/** The emulator's `platform` values and the family marts.fct_plays gives each (libs/models/macros/platform_family.sql). */
const FAMILY: Record<string, string> = {
  android: 'android',
  ios: 'ios',
  osx: 'macos',
  windows: 'windows',
  linux: 'linux',
  web_player: 'web',
  cast_to_device: 'cast',
  not_applicable: 'other',
};

/** What an export says about each listen (skips, shuffle, device, ...) reaches the marts; polls know none of it. */
describe('listening behaviour of an imported export in marts.fct_plays', () => {
  let database: TestDatabase;
  let db: Client;
  let pool: Pool;
  let app: INestApplication;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    pool = new Pool({ connectionString: database.url, max: 3 });
    app = await startIngestApp(database.url);
    dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-behaviour-'));
  });

  afterAll(async () => {
    await app?.close();
    await db?.end();
    await pool?.end();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('carries skipped, shuffle, platform family, offline and the reasons of every imported play; a polled play has none', async () => {
    const options = { listenerId: 'emu-behaviour', seed: 21, plays: 1500, rowsPerFile: 600, habits: { platforms: Object.keys(FAMILY) } };
    const out = path.join(dir, 'my_spotify_data.zip');
    await generateExport({ ...options, out });
    const truth = [...exportPlayRows(options)];
    const account = await createAccount(db, 'emulator-behaviour');
    const job = await importFiles(app, account, [{ name: 'my_spotify_data.zip', content: await readFile(out) }]);
    expect(job).toMatchObject({ status: 'succeeded', playsInserted: truth.length });
    // A play polled after the export, stored as polling stores it.
    const polledAt = truth[truth.length - 1].playedAtMs + 3_600_000;
    await db.query(`INSERT INTO raw.plays (account_id, played_at, track_id, ms_played, source) VALUES ($1, $2, $3, 120000, 'poll')`, [
      account,
      new Date(polledAt).toISOString(),
      truth[0].trackId,
    ]);
    await buildAllModels(pool);

    const { rows } = await db.query(
      `SELECT (extract(epoch FROM played_at) * 1000)::bigint::text AS at, source, skipped, shuffle, platform, offline, reason_start, reason_end
       FROM marts.fct_plays WHERE account_id = $1 ORDER BY played_at`,
      [account],
    );
    const expected: Record<string, unknown>[] = [...truth]
      .sort((a, b) => a.playedAtMs - b.playedAtMs)
      .map((p) => ({
        at: String(p.playedAtMs),
        source: 'extended_history',
        skipped: p.skipped,
        shuffle: p.shuffle,
        platform: FAMILY[p.platform],
        offline: p.offline,
        reason_start: p.reasonStart,
        reason_end: p.reasonEnd,
      }));
    expected.push({
      at: String(polledAt),
      source: 'poll',
      skipped: null,
      shuffle: null,
      platform: null,
      offline: null,
      reason_start: null,
      reason_end: null,
    });
    expect(rows).toEqual(expected);
    expect(new Set(rows.map((r) => r.platform))).toEqual(new Set([...Object.values(FAMILY), null]));
  });
});
