import { INestApplication } from '@nestjs/common';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { Client } from 'pg';
import request from 'supertest';
import { buildZip, generateExtendedHistory, historyJson } from './testing/export-generator';
import { createAccount, startIngestApp, uploadFiles, waitForImport } from './testing/import-test-kit';

/** Every bad input gets a specific message and leaves no partial data behind. */
describe('privacy-export imports: bad input', () => {
  let database: TestDatabase;
  let db: Client;
  let app: INestApplication;
  let account: string;

  const { files } = generateExtendedHistory({ seed: 7, rows: 400, mixed: false });
  const good = historyJson(files[0]);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    app = await startIngestApp(database.url, {
      IMPORT_MAX_BYTES: String(2 * 1024 * 1024),
      IMPORT_ZIP_MAX_ENTRIES: '20',
      IMPORT_ZIP_MAX_ENTRY_BYTES: String(1024 * 1024),
      IMPORT_ZIP_MAX_TOTAL_BYTES: String(1536 * 1024),
    });
    account = await createAccount(db, 'bad-input');
  });

  afterAll(async () => {
    await app?.close();
    await db?.end();
    await database?.drop();
  });

  async function expectNothingStored(): Promise<void> {
    const counts = await db.query(
      `SELECT (SELECT count(*) FROM raw.plays)::int AS plays, (SELECT count(*) FROM raw.non_music_listens)::int AS nm,
              (SELECT count(*) FROM raw.tracks)::int AS tracks, (SELECT count(*) FROM raw.enrichment_queue)::int AS q,
              (SELECT count(*) FROM raw.transform_requests)::int AS tr`,
    );
    expect(counts.rows[0]).toEqual({ plays: 0, nm: 0, tracks: 0, q: 0, tr: 0 });
  }

  /** Errors found while processing: the job fails with the message. */
  async function failedJob(upload: { name: string; content: string | Buffer }[]): Promise<string> {
    const res = await uploadFiles(app, account, upload);
    expect(res.status).toBe(202);
    const job = await waitForImport(app, res.body.importId);
    expect(job.status).toBe('failed');
    expect(job.playsInserted).toBe(0);
    await expectNothingStored();
    return job.error!;
  }

  /** Errors found before the job starts: a 4xx from POST and no job. */
  async function refused(upload: { name: string; content: string | Buffer }[], status: number): Promise<string> {
    const before = await db.query('SELECT count(*)::int AS n FROM raw.import_jobs');
    const res = await uploadFiles(app, account, upload);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status });
    const after = await db.query('SELECT count(*)::int AS n FROM raw.import_jobs');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    await expectNothingStored();
    return res.body.message;
  }

  it('not JSON at all: 415 before the job starts', async () => {
    expect(await refused([{ name: 'Streaming_History_Audio_2024_0.json', content: 'hello, this is not json' }], 415)).toMatch(
      /Streaming_History_Audio_2024_0\.json is neither JSON nor a zip/,
    );
  });

  it('JSON that breaks mid-way (after good rows in another file): the job fails, nothing is stored', async () => {
    const broken = good.slice(0, 5000) + ' }}} oops ' + good.slice(5000);
    const message = await failedJob([
      { name: 'endsong_0.json', content: good },
      { name: 'endsong_1.json', content: broken },
    ]);
    expect(message).toMatch(/^endsong_1\.json is not valid JSON \(after \d+ rows/);
  });

  it('truncated JSON', async () => {
    expect(await failedJob([{ name: 'endsong_0.json', content: good.slice(0, Math.floor(good.length * 0.6)) }])).toMatch(
      /^endsong_0\.json is truncated/,
    );
  });

  it('JSON of the wrong shape', async () => {
    expect(await failedJob([{ name: 'endsong_0.json', content: JSON.stringify({ ts: 'x', ms_played: 1 }) }])).toMatch(
      /endsong_0\.json has the wrong shape: it holds a single JSON object/,
    );
    expect(await failedJob([{ name: 'Userdata.json', content: JSON.stringify([{ username: 'x', email: 'y' }]) }])).toMatch(
      /Userdata\.json has the wrong shape: it is not a Spotify streaming history \(its first row has the keys username, email/,
    );
    expect(await failedJob([{ name: 'x.json', content: '[1, 2, 3]' }])).toMatch(/x\.json has the wrong shape: its rows are number/);
  });

  it('rows with wrong types are counted invalid with the first reasons, the rest imports', async () => {
    const rows = files[0].slice(0, 20).map((r) => ({ ...r }));
    rows[2].ms_played = '1000';
    rows[3].ts = 17;
    rows[4].shuffle = 'yes';
    rows[5].spotify_track_uri = 'spotify:track:short';
    rows[6] = [1, 2] as never;
    const res = await uploadFiles(app, account, [{ name: 'endsong_0.json', content: JSON.stringify(rows) }]);
    const job = await waitForImport(app, res.body.importId);
    expect(job).toMatchObject({ status: 'succeeded', rowsRead: 20, playsInserted: 15, skipped: { invalid: 5 } });
    expect(job.invalidReasons).toEqual([
      'endsong_0.json row 3: ms_played is "1000", expected a non-negative integer',
      'endsong_0.json row 4: ts is 17, expected a UTC date-time like "2024-03-01T18:22:05Z"',
      'endsong_0.json row 5: shuffle is "yes", expected true, false or null',
      'endsong_0.json row 6: spotify_track_uri is "spotify:track:short", expected "spotify:track:<22-character id>"',
      'endsong_0.json row 7: expected an object, got [1,2]',
    ]);
    await db.query('DELETE FROM raw.plays; DELETE FROM raw.tracks; DELETE FROM raw.enrichment_queue; DELETE FROM raw.transform_requests');
  });

  it('an empty zip', async () => {
    expect(await refused([{ name: 'export.zip', content: await buildZip([]) }], 400)).toBe('export.zip is an empty zip');
  });

  it('a zip without history files', async () => {
    const zip = await buildZip([
      { name: 'Spotify Account Data/Userdata.json', content: '{}' },
      { name: 'Spotify Account Data/Read_Me_First.pdf', content: 'pdf' },
    ]);
    expect(await refused([{ name: 'export.zip', content: zip }], 400)).toMatch(/^export\.zip holds no Spotify streaming history/);
  });

  it('zip entries with absolute paths or ..', async () => {
    for (const name of ['../Streaming_History_Audio_2024_0.json', '/etc/Streaming_History_Audio_2024_0.json', 'a/../../x.json']) {
      const zip = await buildZip([{ name: 'ok/Streaming_History_Audio_2023_0.json', content: good }]);
      // yazl refuses unsafe names, so patch the name bytes in place (same length).
      const safe = 'x'.repeat(name.length);
      const crafted = await buildZip([{ name: safe, content: good }]);
      const patched = Buffer.from(crafted.toString('latin1').split(safe).join(name), 'latin1');
      expect(zip.length).toBeGreaterThan(0);
      expect(await refused([{ name: 'evil.zip', content: patched }], 400)).toMatch(
        /^evil\.zip holds an entry with an unsafe path .*absolute paths and "\.\." are refused/,
      );
    }
  });

  it('zip bombs: too many entries, an entry or the total too large once unpacked', async () => {
    const many = await buildZip(Array.from({ length: 25 }, (_, i) => ({ name: `f${i}.txt`, content: 'x' })));
    expect(await refused([{ name: 'many.zip', content: many }], 400)).toMatch(/many\.zip lists 25 entries, more than the limit of 20/);
    const big = await buildZip([{ name: 'Streaming_History_Audio_2024_0.json', content: Buffer.alloc(3 * 1024 * 1024, 0x20) }]);
    expect(big.length).toBeLessThan(64 * 1024);
    expect(await refused([{ name: 'bomb.zip', content: big }], 400)).toMatch(
      /would unpack to 3145728 bytes, more than the limit of 1048576/,
    );
    const total = await buildZip(
      [0, 1].map((i) => ({ name: `Streaming_History_Audio_2024_${i}.json`, content: Buffer.alloc(900 * 1024, 0x20) })),
    );
    expect(await refused([{ name: 'total.zip', content: total }], 400)).toMatch(/total\.zip would unpack to more than 1572864 bytes/);
  });

  it('a zip whose entry lies about its size fails while unpacking', async () => {
    const content = Buffer.from(`[${' '.repeat(600_000)}]`);
    const zip = await buildZip([{ name: 'Streaming_History_Audio_2024_0.json', content }]);
    // Shrink the declared uncompressed size (local header and central directory) to 1000 bytes.
    const patched = Buffer.from(zip);
    const size = content.length;
    for (let i = 0; i + 4 <= patched.length; i++) if (patched.readUInt32LE(i) === size) patched.writeUInt32LE(1000, i);
    expect(await failedJob([{ name: 'liar.zip', content: patched }])).toMatch(
      /liar\.zip: Streaming_History_Audio_2024_0\.json unpacks to more/,
    );
  });

  it('a file over the size limit: 413', async () => {
    expect(await refused([{ name: 'endsong_0.json', content: Buffer.alloc(3 * 1024 * 1024, 0x20) }], 413)).toBe(
      'Upload is larger than the limit of 2097152 bytes (IMPORT_MAX_BYTES)',
    );
  });

  it('no files, a wrong field, several zips, not multipart', async () => {
    const server = app.getHttpServer();
    const url = `/api/ingest/imports?accountId=${account}`;
    expect((await request(server).post(url).field('x', 'y').expect(400)).body.message).toMatch(/^No files/);
    expect((await request(server).post(url).attach('file', Buffer.from(good), 'a.json').expect(400)).body.message).toMatch(
      /Unexpected file field "file"/,
    );
    const zip = await buildZip([{ name: 'Streaming_History_Audio_2024_0.json', content: good }]);
    expect(
      await refused(
        [
          { name: 'a.zip', content: zip },
          { name: 'b.zip', content: zip },
        ],
        400,
      ),
    ).toMatch(/either one \.zip or one or more \.json files/);
    expect((await request(server).post(url).send({ files: [] }).expect(415)).body.message).toMatch(/multipart\/form-data/);
  });
});
