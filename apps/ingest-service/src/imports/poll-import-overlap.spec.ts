/**
 * Polled plays (Spotify's played_at = the end of the listen) and a privacy export of the same
 * listener: every listen is stored once, whichever side names which end and at what precision.
 */
import { INestApplication } from '@nestjs/common';
import { generateExport, type RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { PollingService } from '../polling/polling.service';
import { createHarness, HALF_HOUR, PollingHarness, startEmulatorForPolling, storedPlays } from '../polling/testing/polling-test-kit';
import { importFiles } from './testing/import-test-kit';
import { historyJson } from './testing/export-generator';

let database: TestDatabase;
let db: Client;
let emu: RunningEmulator;
let h: PollingHarness;
let app: INestApplication;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Client({ connectionString: database.url });
  await db.connect();
  emu = await startEmulatorForPolling({ devMode: false, seed: 23 });
  h = createHarness(emu, db, database.url);
  app = await h.startApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-overlap-'));
});

afterAll(async () => {
  await app?.close();
  await emu?.close();
  await db?.end();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Polls the account every half hour for `hours` simulated hours. */
async function pollFor(accountId: string, hours: number): Promise<void> {
  const polling = app.get(PollingService);
  for (let i = 0; i < hours * 2; i++) {
    emu.admin.advance(HALF_HOUR);
    await (
      await polling.tick('manual', null, accountId)
    ).done;
  }
}

async function playsBySource(accountId: string): Promise<Record<string, number>> {
  const r = await db.query<{ source: string; n: number }>(
    'SELECT source, count(*)::int AS n FROM raw.plays WHERE account_id = $1 GROUP BY source',
    [accountId],
  );
  return Object.fromEntries(r.rows.map((x) => [x.source, x.n]));
}

/** Plays per "artist - track" (account data knows tracks by name only). */
async function perTrack(accountId: string): Promise<Record<string, number>> {
  const r = await db.query<{ k: string; n: number }>(
    `SELECT artist_name || ' - ' || track_name AS k, count(*)::int AS n FROM raw.plays WHERE account_id = $1 GROUP BY 1`,
    [accountId],
  );
  return Object.fromEntries(r.rows.map((x) => [x.k, x.n]));
}

function truthPerTrack(listenerId: string): Record<string, number> {
  const { catalog } = emu.world;
  const out: Record<string, number> = {};
  for (const p of emu.admin.groundTruth(listenerId, { exposedOnly: true })) {
    const t = catalog.trackById.get(p.trackId!)!;
    const k = `${catalog.artists[t.artistIndexes[0]].name} - ${t.name}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe.each([
  ['extended streaming history (ts to the second)', 'extended' as const],
  ['account data (endTime to the minute, names only)', 'account-data' as const],
])('polled plays, then an export of the same listens plus older ones: %s', (_title, format) => {
  it('inserts only the older listens; every listen is stored once', async () => {
    const listener = `overlap-${format}`;
    const account = await h.addAccount({ id: listener, historyDays: 7 });
    await pollFor(account, 24);
    const polled = await storedPlays(db, account);
    expect(polled.length).toBeGreaterThan(55);
    const truth = emu.admin.groundTruth(listener, { exposedOnly: true });
    expect(truth.length).toBeGreaterThan(polled.length + 100);

    const out = path.join(dir, `${listener}.zip`);
    await generateExport({ listenerId: listener, world: emu.world, out, format });
    const job = await importFiles(app, account, [{ name: 'my_spotify_data.zip', content: await readFile(out) }]);
    expect(job.status).toBe('succeeded');
    expect(job.playsInserted).toBe(truth.length - polled.length);
    expect(job.duplicates).toBe(polled.length);

    const source = format === 'extended' ? 'extended_history' : 'account_data';
    expect(await playsBySource(account)).toEqual({ poll: polled.length, [source]: truth.length - polled.length });
    // the polled plays are untouched, and the imported ones are exactly the older listens
    expect((await storedPlays(db, account)).filter((k) => polled.includes(k))).toEqual(polled);
    const firstPolledEnd = Date.parse(polled[0].split('|')[0]);
    const late = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1 AND source <> 'poll' AND ended_at >= $2`,
      [account, new Date(firstPolledEnd)],
    );
    expect(late.rows[0].n).toBe(0);
    expect(await perTrack(account)).toEqual(truthPerTrack(listener));

    // importing the export again adds nothing
    const again = await importFiles(app, account, [{ name: 'my_spotify_data.zip', content: await readFile(out) }]);
    expect(again).toMatchObject({ status: 'succeeded', playsInserted: 0, duplicates: truth.length });
  });
});

describe('polls after an export', () => {
  it('a poll overlapping imported plays inserts only the listens after the export', async () => {
    const listener = 'export-then-poll';
    const account = await h.addAccount({ id: listener, historyDays: 3 });
    const out = path.join(dir, `${listener}.zip`);
    await generateExport({ listenerId: listener, world: emu.world, out });
    const atExport = emu.admin.groundTruth(listener, { exposedOnly: true }).length;
    expect(await importFiles(app, account, [{ name: 'x.zip', content: await readFile(out) }])).toMatchObject({ playsInserted: atExport });
    await pollFor(account, 6);
    const truth = emu.admin.groundTruth(listener, { exposedOnly: true });
    expect(await playsBySource(account)).toEqual({ extended_history: atExport, poll: truth.length - atExport });
    expect(await perTrack(account)).toEqual(truthPerTrack(listener));
  });
});

describe('polled plays stored before ms_played was kept (played_at = Spotify instant, no listening time)', () => {
  it('an export of the same listens is matched on that instant, and the older rows are inserted', async () => {
    const account = await h.addAccount({ id: 'legacy', generate: false }, { withTokens: false });
    const track = emu.world.catalog.tracks[3].id;
    const trackName = emu.world.catalog.tracks[3].name;
    const ends = ['2026-03-01T10:04:00.250Z', '2026-03-01T10:09:00.500Z'];
    for (const end of ends)
      await db.query(`INSERT INTO raw.plays (account_id, played_at, track_id, source) VALUES ($1, $2, $3, 'poll')`, [account, end, track]);
    const row = (ts: string, ms: number) => ({
      ts,
      ms_played: ms,
      spotify_track_uri: `spotify:track:${track}`,
      master_metadata_track_name: trackName,
      master_metadata_album_artist_name: 'Someone',
      master_metadata_album_album_name: 'Something',
      reason_start: 'trackdone',
      reason_end: 'trackdone',
      incognito_mode: false,
    });
    const rows = [row('2026-03-01T09:58:00Z', 200_000), row('2026-03-01T10:04:05Z', 200_000), row('2026-03-01T10:09:00Z', 250_000)];
    const job = await importFiles(app, account, [{ name: 'Streaming_History_Audio_2026.json', content: historyJson(rows) }]);
    expect(job).toMatchObject({ status: 'succeeded', playsInserted: 1, duplicates: 2 });
    expect(await playsBySource(account)).toEqual({ poll: 2, extended_history: 1 });
  });
});
