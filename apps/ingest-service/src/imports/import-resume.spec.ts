import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { main as importCli } from '../import-cli';
import { ImportJobRunner } from './import-runner';
import { ImportsRepository } from './imports.repository';
import { generateExtendedHistory, writeHistoryFile } from './testing/export-generator';
import { createAccount } from './testing/import-test-kit';

const PLAY_COLUMNS = `played_at, track_id, track_name, artist_name, album_name, ms_played, source, reason_start, reason_end,
  shuffle, skipped, offline, offline_at, platform, conn_country`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A CLI import killed with SIGKILL mid-way leaves nothing behind, is resumed by the next
 * runner that starts, and ends with exactly the rows of an uninterrupted import.
 */
describe('import durability (kill -9)', () => {
  let database: TestDatabase;
  let db: Client;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-resume-'));
  });

  afterAll(async () => {
    await db?.end();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('resumes a killed import and ends with the rows of an uninterrupted one', async () => {
    const { files, truth } = generateExtendedHistory({ seed: 99, rows: 6000, rowsPerFile: 2500, tracks: 300 });
    const paths: string[] = [];
    for (const [i, rows] of files.entries()) {
      paths.push(path.join(dir, `Streaming_History_Audio_${2020 + i}_${i}.json`));
      await writeHistoryFile(paths[i], rows);
    }
    const killed = await createAccount(db, 'killed');
    const clean = await createAccount(db, 'clean');

    // Hold the catalog so the child blocks in its merge, after parsing and staging everything.
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE raw.tracks IN EXCLUSIVE MODE');

    const child = spawn(
      process.execPath,
      ['-r', path.join(__dirname, 'testing/ts-register.cjs'), path.join(__dirname, '../import-cli.ts'), '--account', killed, ...paths],
      {
        env: { ...process.env, DATABASE_URL: database.url, IMPORT_PROGRESS_MS: '10' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? -1 : code)));

    // Wait until the child's import is blocked on the lock, mid-transaction.
    for (;;) {
      const waiting = await db.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = 'rewind-import-cli' AND wait_event_type = 'Lock'`,
      );
      if (waiting.rowCount) break;
      if (child.exitCode !== null) throw new Error(`the import child exited early: ${output}`);
      await sleep(20);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe(-1);
    await blocker.query('ROLLBACK');
    await blocker.end();

    // Nothing partial is visible; the job is left `running` with its owner gone.
    const job = await db.query(`SELECT id, status, attempts FROM raw.import_jobs WHERE account_id = $1`, [killed]);
    expect(job.rows).toEqual([{ id: expect.any(String), status: 'running', attempts: 1 }]);
    const partial = await db.query(
      `SELECT (SELECT count(*) FROM raw.plays)::int AS plays, (SELECT count(*) FROM raw.tracks)::int AS tracks`,
    );
    expect(partial.rows[0]).toEqual({ plays: 0, tracks: 0 });

    // The next start resumes it.
    const pool = new Pool({ connectionString: database.url, max: 3 });
    const runner = new ImportJobRunner(pool, new ImportsRepository(pool), { pollIntervalMs: 50 });
    runner.start();
    for (;;) {
      const state = await db.query(`SELECT status FROM raw.import_jobs WHERE id = $1`, [job.rows[0].id]);
      if (state.rows[0].status !== 'running') break;
      await sleep(25);
    }
    await runner.stop();
    await pool.end();

    // An uninterrupted import of the same files, through the CLI in this process.
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await importCli(['--account', clean, ...paths])).toBe(0);
      expect(String(write.mock.calls.map((c) => c[0]).join(''))).toMatch(/plays inserted\s*│\s*\d+/);
    } finally {
      write.mockRestore();
      process.env.DATABASE_URL = previous;
    }

    const jobs = await db.query(
      `SELECT account_id, status, attempts, rows_read, plays_inserted, duplicates, skipped_short, skipped_incognito, skipped_podcast, skipped_invalid
       FROM raw.import_jobs ORDER BY created_at`,
    );
    expect(jobs.rows).toEqual([
      {
        account_id: killed,
        status: 'succeeded',
        attempts: 2,
        rows_read: truth.rows,
        plays_inserted: truth.plays,
        duplicates: 0,
        skipped_short: truth.short,
        skipped_incognito: truth.incognito,
        skipped_podcast: truth.podcast,
        skipped_invalid: truth.invalid,
      },
      {
        account_id: clean,
        status: 'succeeded',
        attempts: 1,
        rows_read: truth.rows,
        plays_inserted: truth.plays,
        duplicates: 0,
        skipped_short: truth.short,
        skipped_incognito: truth.incognito,
        skipped_podcast: truth.podcast,
        skipped_invalid: truth.invalid,
      },
    ]);
    const rowsOf = async (account: string) =>
      (await db.query(`SELECT ${PLAY_COLUMNS} FROM raw.plays WHERE account_id = $1 ORDER BY played_at`, [account])).rows;
    const resumed = await rowsOf(killed);
    expect(resumed).toHaveLength(truth.plays);
    expect(resumed).toEqual(await rowsOf(clean));
    const nonMusic = async (account: string) =>
      (
        await db.query(
          `SELECT played_at, kind, ms_played, episode_uri, chapter_uri FROM raw.non_music_listens WHERE account_id = $1 ORDER BY played_at, kind`,
          [account],
        )
      ).rows;
    expect(await nonMusic(killed)).toEqual(await nonMusic(clean));
    const requests = await db.query(`SELECT account_id FROM raw.transform_requests ORDER BY id`);
    expect(requests.rows).toEqual([{ account_id: killed }, { account_id: clean }]);
  });
});
