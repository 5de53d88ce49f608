/**
 * Files of an export that are not listening history never fail an import: the history is
 * imported and every other file is reported in the job's summary with the reason.
 */
import { INestApplication } from '@nestjs/common';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { Client } from 'pg';
import { buildZip, generateExtendedHistory, historyJson, toAccountData } from './testing/export-generator';
import { createAccount, importFiles, startIngestApp } from './testing/import-test-kit';

describe('files that are not listening history', () => {
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

  const { files, truth } = generateExtendedHistory({ seed: 7, rows: 600, rowsPerFile: 600, tracks: 50, mixed: false });
  const music = toAccountData(files[0]);
  const book = [
    { endTime: '2024-03-01 18:22', audiobookName: 'A Book', chapterName: 'Chapter 1', authorName: 'Someone', msPlayed: 600_000 },
  ];

  it('an account-data zip with audiobooks, every non-history file and unknown files imports its history and lists the rest', async () => {
    const dir = 'Spotify Account Data';
    const zip = await buildZip([
      { name: `${dir}/StreamingHistory_music_0.json`, content: historyJson(music) },
      { name: `${dir}/StreamingHistory_audiobook_0.json`, content: historyJson(book) },
      { name: `${dir}/StreamingHistory_podcast_0.json`, content: '[]' },
      { name: `${dir}/Playlist1.json`, content: JSON.stringify({ playlists: [] }) },
      { name: `${dir}/YourLibrary.json`, content: JSON.stringify({ tracks: [] }) },
      { name: `${dir}/Userdata.json`, content: JSON.stringify({ username: 'someone' }) },
      { name: `${dir}/Inferences.json`, content: JSON.stringify({ inferences: [] }) },
      { name: `${dir}/SearchQueries.json`, content: '[]' },
      { name: `${dir}/Marquee.json`, content: '[]' },
      { name: `${dir}/Wrapped2023.json`, content: '{}' },
      { name: `${dir}/YourSoundCapsule.json`, content: '{}' },
      { name: `${dir}/Follow.json`, content: '{}' },
      { name: `${dir}/Payments.json`, content: '{}' },
      { name: `${dir}/Identity.json`, content: '{}' },
      { name: `${dir}/Read_Me_First.pdf`, content: Buffer.from('%PDF-1.4') },
      { name: `${dir}/SomethingNew2026.json`, content: '[{"whatever": 1}]' },
      { name: `${dir}/notes.txt`, content: 'hello' },
      // named like history, holding something else: read, found not to be history, skipped
      { name: `${dir}/StreamingHistory_video_0.json`, content: '[{"endTime": "2024-03-01 18:22", "videoName": "x"}]' },
    ]);
    const account = await createAccount(db, 'account-zip');
    const job = await importFiles(app, account, [{ name: 'my_spotify_data.zip', content: zip }]);
    expect(job).toMatchObject({ status: 'succeeded', playsInserted: truth.plays, skipped: { podcast: 1 } });
    const reasons = Object.fromEntries(job.skippedFiles.map((f) => [f.name.slice(dir.length + 1), f.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      [
        'Follow.json',
        'Identity.json',
        'Inferences.json',
        'Marquee.json',
        'Payments.json',
        'Playlist1.json',
        'Read_Me_First.pdf',
        'SearchQueries.json',
        'SomethingNew2026.json',
        'StreamingHistory_video_0.json',
        'Userdata.json',
        'Wrapped2023.json',
        'YourLibrary.json',
        'YourSoundCapsule.json',
        'notes.txt',
      ].sort(),
    );
    expect(reasons['Inferences.json']).toBe("Spotify's marketing inferences, not listening history");
    expect(reasons['SomethingNew2026.json']).toBe('not a streaming-history file (only listening history is imported)');
    expect(reasons['notes.txt']).toBe('not a JSON file of the export (only listening history is imported)');
    expect(reasons['StreamingHistory_video_0.json']).toMatch(/has the wrong shape: it is not a Spotify streaming history/);
    const books = await db.query(
      `SELECT kind, audiobook_title, chapter_title, ms_played FROM raw.non_music_listens WHERE account_id = $1`,
      [account],
    );
    expect(books.rows).toEqual([{ kind: 'audiobook', audiobook_title: 'A Book', chapter_title: 'Chapter 1', ms_played: 600_000 }]);
  });

  it('loose files: the history is imported, a file of another kind is skipped with the reason', async () => {
    const account = await createAccount(db, 'loose');
    const job = await importFiles(app, account, [
      { name: 'Streaming_History_Audio_2024_0.json', content: historyJson(files[0]) },
      { name: 'Userdata.json', content: JSON.stringify({ username: 'someone', email: 'x@example.invalid' }) },
      { name: 'Playlist1.json', content: JSON.stringify([{ name: 'list', items: [] }]) },
    ]);
    expect(job).toMatchObject({ status: 'succeeded', playsInserted: truth.plays });
    expect(job.skippedFiles).toEqual([
      {
        name: 'Userdata.json',
        reason: 'Userdata.json has the wrong shape: it holds a single JSON object, not an array of streaming-history rows',
      },
      {
        name: 'Playlist1.json',
        reason: expect.stringMatching(
          /^Playlist1\.json has the wrong shape: it is not a Spotify streaming history \(its first row has the keys name, items/,
        ),
      },
    ]);
  });

  it('a zip whose only history-named file holds something else fails with the reason, storing nothing', async () => {
    const zip = await buildZip([
      { name: 'Spotify Account Data/StreamingHistory_music_0.json', content: '[{"foo": 1}]' },
      { name: 'Spotify Account Data/Playlist1.json', content: '{}' },
    ]);
    const account = await createAccount(db, 'nothing');
    const job = await importFiles(app, account, [{ name: 'my_spotify_data.zip', content: zip }]);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/StreamingHistory_music_0\.json has the wrong shape: it is not a Spotify streaming history/);
    const n = await db.query(`SELECT count(*)::int AS n FROM raw.plays WHERE account_id = $1`, [account]);
    expect(n.rows[0].n).toBe(0);
  });
});
