import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { main as importCli } from './import-cli';
import { buildExtendedExportZip, generateExtendedHistory, historyJson } from './imports/testing/export-generator';
import { createAccount } from './imports/testing/import-test-kit';

/** The summary `npm run import` prints: the job's counts and the files it did not import, with the reason. */
describe('import CLI summary', () => {
  let database: TestDatabase;
  let db: Client;
  let dir: string;
  let previousUrl: string | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-import-cli-'));
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
  });

  afterAll(async () => {
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await db?.end();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the CLI in this process and returns its exit code and what it wrote to stdout. */
  async function runCli(args: string[]): Promise<{ code: number; out: string }> {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await importCli(args);
      return { code, out: write.mock.calls.map((c) => String(c[0])).join('') };
    } finally {
      write.mockRestore();
      errors.mockRestore();
    }
  }

  const { files, truth } = generateExtendedHistory({ seed: 31, rows: 400, rowsPerFile: 400, tracks: 40, mixed: false });

  it("lists each file of a zip that is not listening history, with the reason, next to the job's counts", async () => {
    const zip = path.join(dir, 'my_spotify_data.zip');
    await writeFile(
      zip,
      await buildExtendedExportZip(files, [
        { name: 'Spotify Extended Streaming History/Playlist1.json', content: '{}' },
        { name: 'Spotify Extended Streaming History/notes.txt', content: 'hello' },
      ]),
    );
    const account = await createAccount(db, 'cli-zip');
    const { code, out } = await runCli(['--account', account, zip]);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`plays inserted\\s*│\\s*${truth.plays}\\s`));

    const job = await db.query<{ skipped_files: { name: string; reason: string }[] }>(
      'SELECT skipped_files FROM raw.import_jobs WHERE account_id = $1',
      [account],
    );
    const skipped = job.rows[0].skipped_files;
    expect(skipped.map((f) => f.name).sort()).toEqual(
      [
        'Spotify Extended Streaming History/Playlist1.json',
        'Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf',
        'Spotify Extended Streaming History/notes.txt',
      ].sort(),
    );
    expect(out).toMatch(/skipped files\s*│/);
    for (const file of skipped) expect(out).toContain(`${file.name}: ${file.reason}`);
    expect(out).toContain('Spotify Extended Streaming History/Playlist1.json: playlists, not listening history');
    expect(out).toContain('Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf: a document, not listening history');
  });

  it('lists a loose file found on reading not to be streaming history', async () => {
    const history = path.join(dir, 'Streaming_History_Audio_2024_0.json');
    const userdata = path.join(dir, 'Userdata.json');
    await writeFile(history, historyJson(files[0]));
    await writeFile(userdata, JSON.stringify({ username: 'someone' }));
    const account = await createAccount(db, 'cli-loose');
    const { code, out } = await runCli(['--account', account, history, userdata]);
    expect(code).toBe(0);
    expect(out).toContain(
      'Userdata.json: Userdata.json has the wrong shape: it holds a single JSON object, not an array of streaming-history rows',
    );
  });

  it('prints no skipped-files line when every file was history', async () => {
    const history = path.join(dir, 'Streaming_History_Audio_2024_1.json');
    await writeFile(history, historyJson(files[0]));
    const account = await createAccount(db, 'cli-history-only');
    const { code, out } = await runCli(['--account', account, history]);
    expect(code).toBe(0);
    expect(out).toMatch(/plays inserted/);
    expect(out).not.toMatch(/skipped files/);
  });
});
