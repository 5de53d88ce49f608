import { INestApplication } from '@nestjs/common';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { Client } from 'pg';
import request from 'supertest';
import { buildExtendedExportZip, generateExtendedHistory, historyJson, PII, toAccountData, trackId } from './testing/export-generator';
import { createAccount, importFiles, startIngestApp, uploadFiles, waitForImport } from './testing/import-test-kit';

describe('privacy-export imports', () => {
  let database: TestDatabase;
  let db: Client;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    app = await startIngestApp(database.url);
  });

  afterAll(async () => {
    await app?.close();
    await db?.end();
    await database?.drop();
  });

  const { files, truth } = generateExtendedHistory({ seed: 42, rows: 3000, rowsPerFile: 1100, tracks: 120 });

  it('imports a zip and matches the ground truth rule by rule', async () => {
    const account = await createAccount(db, 'truth');
    const zip = await buildExtendedExportZip(files);
    const job = await importFiles(app, account, [{ name: 'my_spotify_data.zip', content: zip }]);

    expect(job).toMatchObject({
      status: 'succeeded',
      rowsRead: truth.rows,
      playsInserted: truth.plays,
      duplicates: 0,
      skipped: { short: truth.short, incognito: truth.incognito, podcast: truth.podcast, invalid: truth.invalid },
      progress: 1,
      error: null,
    });
    expect(job.invalidReasons[0]).toMatch(/Streaming_History_Audio_2021_0\.json row \d+: (ms_played is "lots"|spotify_track_uri is null)/);
    expect(job.files).toEqual([{ name: 'my_spotify_data.zip', bytes: zip.length, format: 'extended' }]);

    const perTrack = await db.query<{ track_id: string; n: number }>(
      'SELECT track_id, count(*)::int AS n FROM raw.plays WHERE account_id = $1 GROUP BY track_id',
      [account],
    );
    expect(Object.fromEntries(perTrack.rows.map((r) => [r.track_id, r.n]))).toEqual(truth.playsPerTrack);
    const summary = await db.query(
      `SELECT sum(ms_played)::bigint AS ms, min(played_at) AS first, max(played_at) AS last, count(*)::int AS n,
              count(*) FILTER (WHERE source = 'extended_history')::int AS ext FROM raw.plays WHERE account_id = $1`,
      [account],
    );
    expect(Number(summary.rows[0].ms)).toBe(truth.listeningMs);
    expect(summary.rows[0].first.toISOString()).toBe(truth.firstPlayedAt);
    expect(summary.rows[0].last.toISOString()).toBe(truth.lastPlayedAt);
    expect(summary.rows[0].ext).toBe(truth.plays);

    const nonMusic = await db.query<{ kind: string; n: number }>(
      'SELECT kind, count(*)::int AS n FROM raw.non_music_listens WHERE account_id = $1 GROUP BY kind ORDER BY kind',
      [account],
    );
    expect(nonMusic.rows.reduce((s, r) => s + r.n, 0)).toBe(truth.podcast);
    expect(nonMusic.rows.map((r) => r.kind)).toEqual(['audiobook', 'podcast']);

    const tracks = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM raw.tracks');
    expect(tracks.rows[0].n).toBe(Object.keys(truth.playsPerTrack).length);
    const queued = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw.enrichment_queue WHERE kind = 'track'`);
    expect(queued.rows[0].n).toBe(Object.keys(truth.playsPerTrack).length);
    const requests = await db.query(`SELECT source, account_id FROM raw.transform_requests`);
    expect(requests.rows).toEqual([{ source: 'import', account_id: account }]);
  });

  it('stores no PII anywhere: a dump of every table holds none of the values in the file', async () => {
    const tables = await db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`,
    );
    expect(tables.rows.length).toBeGreaterThan(10);
    let dump = '';
    for (const t of tables.rows) {
      const rows = await db.query(`SELECT row_to_json(x)::text AS j FROM "${t.schema}"."${t.name}" x`);
      dump += rows.rows.map((r) => r.j).join('\n');
    }
    expect(dump).toContain(files[0].find((r) => r.spotify_track_uri)!.master_metadata_track_name as string);
    for (const value of Object.values(PII)) expect(dump).not.toContain(value);
  });

  it('re-importing the same files inserts nothing', async () => {
    const account = await createAccount(db, 'reimport');
    const zip = await buildExtendedExportZip(files);
    const first = await importFiles(app, account, [{ name: 'export.zip', content: zip }]);
    expect(first.playsInserted).toBe(truth.plays);
    const again = await importFiles(app, account, [{ name: 'export.zip', content: zip }]);
    expect(again).toMatchObject({ status: 'succeeded', playsInserted: 0, duplicates: truth.plays });
    // The same rows as loose files, with an overlapping file twice.
    const loose = await importFiles(app, account, [
      { name: 'endsong_0.json', content: historyJson(files[0]) },
      { name: 'endsong_1.json', content: historyJson(files[1]) },
      { name: 'endsong_0_copy.json', content: historyJson(files[0]) },
    ]);
    expect(loose.playsInserted).toBe(0);
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1', [account]);
    expect(count.rows[0].n).toBe(truth.plays);
    const nonMusic = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM raw.non_music_listens WHERE account_id = $1', [account]);
    expect(nonMusic.rows[0].n).toBe(truth.podcast);
  });

  it('an import overlapping polled plays stores each play once', async () => {
    const account = await createAccount(db, 'polled');
    // Polled plays as polling stores them: Spotify's millisecond instant is the end of the listen
    // (or up to seconds before it); the start is that instant minus a listening time of its own
    // (here the track's whole length, longer than the export's ms_played).
    const polled = truth.playList.slice(100, 150);
    for (const [i, p] of polled.entries()) {
      const listedAt = Date.parse(p.playedAt) + p.msPlayed + 350 - (i % 9) * 1100;
      const listening = p.msPlayed + 40_000;
      await db.query(`INSERT INTO raw.plays (account_id, played_at, ms_played, track_id, source) VALUES ($1, $2, $3, $4, 'poll')`, [
        account,
        new Date(listedAt - listening).toISOString(),
        listening,
        p.trackId,
      ]);
    }
    // A polled play of another track ending with an imported one is a different listen.
    const other = truth.playList[200];
    await db.query(`INSERT INTO raw.plays (account_id, played_at, ms_played, track_id, source) VALUES ($1, $2, 60000, $3, 'poll')`, [
      account,
      new Date(Date.parse(other.playedAt) + other.msPlayed - 60_000 + 400).toISOString(),
      trackId(9999),
    ]);
    const job = await importFiles(app, account, [{ name: 'export.zip', content: await buildExtendedExportZip(files) }]);
    expect(job).toMatchObject({ playsInserted: truth.plays - polled.length, duplicates: polled.length });
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1', [account]);
    expect(count.rows[0].n).toBe(truth.plays + 1);
  });

  it('account data matches known tracks by name and dedupes against extended history', async () => {
    const account = await createAccount(db, 'account-data');
    const accountRows = toAccountData(files[0]);
    const music = accountRows.filter((r) => r.msPlayed >= 30_000);
    // The enriched catalog knows one of the tracks (with its primary artist).
    const known = music[0];
    const knownId = (files[0].find((r) => r.master_metadata_track_name === known.trackName)!.spotify_track_uri as string).slice(
      'spotify:track:'.length,
    );
    await db.query(
      `INSERT INTO raw.tracks (id, name, enriched_at) VALUES ($1, $2, now()) ON CONFLICT (id) DO UPDATE SET name = excluded.name, enriched_at = now()`,
      [knownId, known.trackName.toUpperCase()],
    );
    await db.query(`INSERT INTO raw.artists (id, name) VALUES ('A'||repeat('0', 21), $1)`, [known.artistName]);
    await db.query(`INSERT INTO raw.track_artists (track_id, position, artist_id) VALUES ($1, 0, 'A'||repeat('0', 21))`, [knownId]);
    // Account data alone: plays kept by name, matched to tracks the catalog already knows.
    const alone = await importFiles(app, account, [{ name: 'StreamingHistory_music_0.json', content: historyJson(accountRows) }]);
    expect(alone).toMatchObject({
      status: 'succeeded',
      playsInserted: music.length,
      skipped: { short: accountRows.length - music.length, incognito: 0, podcast: 0, invalid: 0 },
    });
    expect(alone.files[0].format).toBe('account_music');
    const matched = await db.query<{ track_id: string | null; n: number }>(
      `SELECT track_id, count(*)::int AS n FROM raw.plays WHERE account_id = $1 GROUP BY track_id ORDER BY track_id NULLS LAST`,
      [account],
    );
    const sameName = music.filter((r) => r.trackName === known.trackName && r.artistName === known.artistName).length;
    expect(matched.rows).toEqual([
      { track_id: knownId, n: sameName },
      { track_id: null, n: music.length - sameName },
    ]);
    // The extended history of the same listens adds nothing for them (minute-precision duplicates).
    const ext = await importFiles(app, account, [{ name: 'Streaming_History_Audio_2021_0.json', content: historyJson(files[0]) }]);
    const extPlays = files[0].filter(
      (r) =>
        typeof r.spotify_track_uri === 'string' && r.incognito_mode === false && typeof r.ms_played === 'number' && r.ms_played >= 30_000,
    ).length;
    expect(ext).toMatchObject({ playsInserted: 0, duplicates: extPlays });
    // Detected from content: a file with an unhelpful name.
    const podcast = await importFiles(app, account, [
      {
        name: 'history.json',
        content: JSON.stringify([{ endTime: '2021-02-01 10:00', podcastName: 'Show', episodeName: 'Ep 1', msPlayed: 600000 }]),
      },
    ]);
    expect(podcast).toMatchObject({ status: 'succeeded', skipped: { podcast: 1 }, playsInserted: 0 });
  });

  it('a first import holding the same play twice stores it once (its direct COPY gives way to the staged merge)', async () => {
    const single = async (name: string, rows: (typeof files)[0]) =>
      importFiles(app, await createAccount(db, `single-${name}`), [
        { name: 'Streaming_History_Audio_2021_0.json', content: historyJson(rows) },
      ]);
    const whole = await single('whole', files[0]);
    const part = await single('part', files[0].slice(0, 200));
    expect(part.playsInserted).toBeGreaterThan(0);
    const account = await createAccount(db, 'twice');
    const job = await importFiles(app, account, [
      { name: 'Streaming_History_Audio_2021_0.json', content: historyJson(files[0]) },
      { name: 'Streaming_History_Audio_2021_0 (1).json', content: historyJson(files[0].slice(0, 200)) },
    ]);
    expect(job).toMatchObject({ status: 'succeeded', playsInserted: whole.playsInserted, duplicates: part.playsInserted });
    const stored = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1`, [account]);
    expect(stored.rows[0].n).toBe(whole.playsInserted);
  });

  it('validates the account and the ids', async () => {
    const server = app.getHttpServer();
    const missing = await request(server).post('/api/ingest/imports').attach('files', Buffer.from('[]'), 'a.json').expect(400);
    expect(missing.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'accountId is required (the account the history belongs to)',
    });
    await request(server).post('/api/ingest/imports?accountId=nope').attach('files', Buffer.from('[]'), 'a.json').expect(400);
    const unknown = await uploadFiles(app, '00000000-0000-4000-8000-000000000000', [{ name: 'a.json', content: '[]' }]);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/No account with accountId/);
    expect((await request(server).get('/api/ingest/imports/not-a-uuid').expect(400)).body.message).toBe('id must be a UUID');
    expect((await request(server).get('/api/ingest/imports/00000000-0000-4000-8000-000000000000').expect(404)).body.message).toMatch(
      /No import with id/,
    );
  });

  it('answers 202 with an id and exposes live status', async () => {
    const account = await createAccount(db, 'status');
    const res = await uploadFiles(app, account, [{ name: 'Streaming_History_Audio_2021_0.json', content: historyJson(files[1]) }]);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ importId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const done = await waitForImport(app, res.body.importId);
    expect(done).toMatchObject({ id: res.body.importId, accountId: account, status: 'succeeded', rowsRead: files[1].length });
  });
});
