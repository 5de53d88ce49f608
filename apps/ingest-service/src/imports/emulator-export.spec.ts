import { INestApplication } from '@nestjs/common';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { exportPlays, generateExport } from '@rewind/spotify-emulator';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createAccount, importFiles, startIngestApp } from './testing/import-test-kit';

/** Imports exports written by the Spotify emulator and compares with its ground truth. */
describe('imports of emulator exports', () => {
  let database: TestDatabase;
  let db: Client;
  let app: INestApplication;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    app = await startIngestApp(database.url);
    dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-emulator-export-'));
  });

  afterAll(async () => {
    await app?.close();
    await db?.end();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('extended streaming history zip: counts per rule, plays per track, listening time, first/last play, no PII', async () => {
    const options = { listenerId: 'emu-listener', seed: 11, plays: 4000, rowsPerFile: 1500 };
    const out = path.join(dir, 'my_spotify_data.zip');
    const summary = await generateExport({ ...options, out });
    const truth = [...exportPlays(options)];
    expect(truth).toHaveLength(summary.plays);

    const account = await createAccount(db, 'emulator');
    const job = await importFiles(app, account, [{ name: 'my_spotify_data.zip', content: await readFile(out) }]);
    expect(job.status).toBe('succeeded');
    expect(job.rowsRead).toBe(summary.rows + summary.videoRows);
    expect(job.playsInserted).toBe(summary.plays);
    expect(job.skipped.podcast).toBe(summary.podcastRows + summary.videoRows);
    expect(job.skipped.invalid).toBe(summary.nullUriRows);
    expect(job.skipped.short + job.skipped.incognito).toBe(summary.rows - summary.plays - summary.podcastRows - summary.nullUriRows);
    expect(job.skippedFiles).toEqual([
      { name: 'Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf', reason: 'a document, not listening history' },
    ]);

    const perTrack: Record<string, number> = {};
    for (const p of truth) perTrack[p.trackId] = (perTrack[p.trackId] ?? 0) + 1;
    const stored = await db.query<{ track_id: string; n: number }>(
      'SELECT track_id, count(*)::int AS n FROM raw.plays WHERE account_id = $1 GROUP BY track_id',
      [account],
    );
    expect(Object.fromEntries(stored.rows.map((r) => [r.track_id, r.n]))).toEqual(perTrack);
    const totals = await db.query(
      'SELECT sum(ms_played)::bigint AS ms, min(played_at) AS first, max(played_at) AS last FROM raw.plays WHERE account_id = $1',
      [account],
    );
    expect(Number(totals.rows[0].ms)).toBe(truth.reduce((s, p) => s + p.msPlayed, 0));
    expect(totals.rows[0].first.toISOString()).toBe(summary.firstPlayedAt);
    expect(totals.rows[0].last.toISOString()).toBe(summary.lastPlayedAt);
    const instants = await db.query<{ at: Date }>('SELECT played_at AS at FROM raw.plays WHERE account_id = $1 ORDER BY played_at', [
      account,
    ]);
    expect(instants.rows.map((r) => r.at.getTime())).toEqual(truth.map((p) => p.playedAtMs).sort((a, b) => a - b));

    // The emulator plants fake usernames and user agents: none of it may be stored.
    const tables = await db.query<{ s: string; t: string }>(
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN ('auth', 'raw', 'transform', 'marts') AND table_type = 'BASE TABLE'`,
    );
    let dump = '';
    for (const { s, t } of tables.rows)
      dump += (await db.query(`SELECT row_to_json(x)::text AS j FROM "${s}"."${t}" x`)).rows.map((r) => r.j).join('\n');
    expect(dump).not.toContain('fake-username-');
    expect(dump).not.toContain('FAKE-UA');
  });

  it('2021 extended history (endsong_N.json: minified, unsorted, with username): the same plays, no PII', async () => {
    const options = { listenerId: 'emu-2021', seed: 13, plays: 3000, rowsPerFile: 1000, format: 'extended-2021' as const };
    const out = path.join(dir, 'endsong.zip');
    const summary = await generateExport({ ...options, out });
    const account = await createAccount(db, 'emulator-2021');
    const job = await importFiles(app, account, [{ name: 'my_spotify_data.zip', content: await readFile(out) }]);
    expect(job).toMatchObject({ status: 'succeeded', rowsRead: summary.rows, playsInserted: summary.plays, duplicates: 0 });
    expect(job.skipped.podcast).toBe(summary.podcastRows);
    expect(job.skippedFiles).toEqual([
      { name: 'MyData/ReadMeFirst_ExtendedStreamingHistory.pdf', reason: 'a document, not listening history' },
    ]);
    const truth = [...exportPlays(options)].map((p) => `${p.trackId}@${p.playedAtMs}`).sort();
    const stored = await db.query<{ k: string }>(
      `SELECT track_id || '@' || (extract(epoch FROM played_at) * 1000)::bigint AS k FROM raw.plays WHERE account_id = $1`,
      [account],
    );
    expect(stored.rows.map((r) => r.k).sort()).toEqual(truth);
    // offline_timestamp is in milliseconds in 2021 files: stored as the right instant
    const offline = await db.query<{ bad: number }>(
      `SELECT count(*) FILTER (WHERE abs(extract(epoch FROM offline_at - played_at)) > 5)::int AS bad FROM raw.plays WHERE account_id = $1 AND offline_at IS NOT NULL`,
      [account],
    );
    expect(offline.rows[0].bad).toBe(0);
    const dump = await db.query(`SELECT count(*)::int AS n FROM raw.plays p WHERE row_to_json(p)::text LIKE '%fake-username-%'`);
    expect(dump.rows[0].n).toBe(0);
  });

  it('account data with music, podcast and audiobook history and every non-history file: history imported, the rest reported', async () => {
    const options = { listenerId: 'emu-account-full', seed: 14, historyDays: 90, format: 'account-data' as const };
    const out = path.join(dir, 'account_full.zip');
    const summary = await generateExport({ ...options, out });
    const account = await createAccount(db, 'emulator-account-full');
    const job = await importFiles(app, account, [{ name: 'my_spotify_data.zip', content: await readFile(out) }]);
    expect(job).toMatchObject({ status: 'succeeded', playsInserted: summary.plays, duplicates: 0 });
    expect(job.skipped.podcast).toBe(summary.podcastRows + summary.audiobookRows);
    expect(job.skippedFiles.map((f) => f.name).sort()).toEqual([...summary.otherFiles].sort());
    const reasons = Object.fromEntries(job.skippedFiles.map((f) => [f.name.replace('Spotify Account Data/', ''), f.reason]));
    expect(reasons['Playlist1.json']).toBe('playlists, not listening history');
    expect(reasons['Userdata.json']).toBe('account details, not listening history');
    expect(reasons['Wrapped2025.json']).toBe('a Wrapped summary, not listening history');
    expect(reasons['ReadMeFirst_AccountData.pdf']).toBe('a document, not listening history');
    expect(job.files[0].format).toBe('account_audiobook,account_music,account_podcast');
    const kinds = await db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM raw.non_music_listens WHERE account_id = $1 GROUP BY kind ORDER BY kind`,
      [account],
    );
    expect(kinds.rows).toEqual([
      { kind: 'audiobook', n: summary.audiobookRows },
      { kind: 'podcast', n: summary.podcastRows },
    ]);
    const books = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM raw.non_music_listens WHERE account_id = $1 AND kind = 'audiobook' AND audiobook_title LIKE '%: the book' AND chapter_title IS NOT NULL`,
      [account],
    );
    expect(books.rows[0].n).toBe(summary.audiobookRows);
    const music = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1`, [account]);
    expect(music.rows[0].n).toBe(summary.plays);
  });

  it('account data (StreamingHistory_music_N.json) imports the same plays by name', async () => {
    const options = { listenerId: 'emu-account-data', seed: 12, plays: 1500, format: 'account-data' as const };
    const out = path.join(dir, 'account_data.zip');
    const summary = await generateExport({ ...options, out });
    const account = await createAccount(db, 'emulator-account-data');
    const job = await importFiles(app, account, [{ name: 'my_spotify_data.zip', content: await readFile(out) }]);
    expect(job).toMatchObject({ status: 'succeeded', playsInserted: summary.plays, duplicates: 0 });
    expect(job.files[0].format).toMatch(/^account_music/);
    const stored = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1 AND source = 'account_data'`,
      [account],
    );
    expect(stored.rows[0].n).toBe(summary.plays);
  });
});
