/**
 * The weekly summary's numbers equal the stats API's answers for the same account and week.
 * Runs the real stats-api and the real transform runner from the build (an app never imports
 * another app): `node dist/apps/transform-service/src/cli.js` builds the marts of this test's
 * database, `node dist/apps/stats-api/src/main.js` serves them; needs `npm run build` first
 * (the Nx test target depends on it).
 */
import { baseTestEnv, createTestDatabase, TEST_INTERNAL_TOKEN, TestDatabase } from '@rewind/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DateTime } from 'luxon';
import { Pool } from 'pg';
import { DeliveryWorker } from './delivery.worker';
import type { NotificationPayload } from './notify.events';
import { renderText, WeeklySummaryDetails } from './notify.formatters';
import { NotifyRepository } from './notify.repository';
import { startWebhookReceiver, WebhookReceiver } from './testing/webhook-receiver';
import { lastFireAt, weekEndingAt, WeeklySummaries } from './weekly-summary';

const ROOT = path.resolve(__dirname, '../../../..');
const STATS_MAIN = path.join(ROOT, 'dist/apps/stats-api/src/main.js');
const TRANSFORM_CLI = path.join(ROOT, 'dist/apps/transform-service/src/cli.js');
const TZ = 'Europe/Berlin';

let database: TestDatabase;
let pool: Pool;
let receiver: WebhookReceiver;
let stats: ChildProcess | null = null;
let statsUrl: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function run(file: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  for (const f of [STATS_MAIN, TRANSFORM_CLI])
    if (!existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run \`npm run build\` first`);
  receiver = await startWebhookReceiver();
  database = await createTestDatabase();
  pool = new Pool({ connectionString: database.url, max: 3 });
});

afterAll(async () => {
  if (stats && stats.exitCode === null) {
    const exited = new Promise((resolve) => stats!.once('exit', resolve));
    stats.kill('SIGTERM');
    await exited;
  }
  await receiver?.close();
  await pool?.end();
  await database?.drop();
});

/** The most recent Monday 09:00 in Berlin that has passed, plus half an hour. */
function lastMondayMorning(): Date {
  let fire = DateTime.now().setZone(TZ).startOf('week').set({ hour: 9 });
  if (fire.toMillis() > Date.now() - 1_800_000) fire = fire.minus({ weeks: 1 });
  return fire.plus({ minutes: 30 }).toJSDate();
}

/** Tracks of artists A–E (track i is by artist i % 7). */
const LAST_WEEK_TRACKS = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11];

/** Catalog of 7 artists (genres), 14 tracks; plays at noon and in the evening, Berlin time, over the two weeks before `to`. */
async function seed(accountId: string, to: DateTime): Promise<{ thisWeek: number; lastWeek: number }> {
  const genres = [['rock', 'indie'], ['jazz'], ['rock'], ['techno'], ['folk', 'indie'], ['pop'], ['ambient']];
  for (let i = 0; i < 7; i++) {
    await pool.query(`INSERT INTO raw.artists (id, name, image_url) VALUES ($1, $2, NULL)`, [
      `artist${i}`,
      `Artist ${String.fromCharCode(65 + i)}`,
    ]);
    for (const g of genres[i]) await pool.query(`INSERT INTO raw.artist_genres (artist_id, genre) VALUES ($1, $2)`, [`artist${i}`, g]);
    await pool.query(`INSERT INTO raw.albums (id, name, image_url) VALUES ($1, $2, NULL)`, [`album${i}`, `Album ${i}`]);
    await pool.query(`INSERT INTO raw.album_artists (album_id, position, artist_id) VALUES ($1, 0, $2)`, [`album${i}`, `artist${i}`]);
  }
  for (let t = 0; t < 14; t++) {
    await pool.query(`INSERT INTO raw.tracks (id, name, album_id, duration_ms) VALUES ($1, $2, $3, $4)`, [
      `track${t}`,
      `Song ${t}`,
      `album${t % 7}`,
      150_000 + t * 10_000,
    ]);
    await pool.query(`INSERT INTO raw.track_artists (track_id, position, artist_id) VALUES ($1, 0, $2)`, [`track${t}`, `artist${t % 7}`]);
  }
  let thisWeek = 0;
  let lastWeek = 0;
  for (let d = 14; d >= 1; d--) {
    const day = to.minus({ days: d });
    // last week: artists A–E only; this week adds F and G (discoveries), with a daily streak
    const plays = d > 7 ? 2 + (d % 3) : 3 + (d % 4);
    for (let p = 0; p < plays; p++) {
      const t = d > 7 ? LAST_WEEK_TRACKS[(d * 3 + p * 5) % LAST_WEEK_TRACKS.length] : (d * 3 + p * 5) % 14;
      const at = day.set({ hour: p % 2 ? 20 : 12, minute: p * 7 });
      await pool.query(`INSERT INTO raw.plays (account_id, played_at, track_id, track_name, source) VALUES ($1, $2, $3, $4, 'poll')`, [
        accountId,
        at.toJSDate(),
        `track${t}`,
        `Song ${t}`,
      ]);
      if (d > 7) lastWeek++;
      else thisWeek++;
    }
  }
  return { thisWeek, lastWeek };
}

async function statsGet(route: string, query: Record<string, string>): Promise<unknown> {
  const res = await fetch(`${statsUrl}/api/stats/${route}?${new URLSearchParams(query)}`, {
    headers: { 'x-internal-token': TEST_INTERNAL_TOKEN },
  });
  if (!res.ok) throw new Error(`${route}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

it('equals the stats API for the same account and week, one per account and week', async () => {
  const now = lastMondayMorning();
  const fired = lastFireAt('0 9 * * 1', TZ, now)!;
  expect(DateTime.fromJSDate(fired, { zone: TZ }).toFormat('ccc HH:mm')).toBe('Mon 09:00');
  const week = weekEndingAt(fired, TZ);
  const to = DateTime.fromISO(week.to, { zone: TZ });
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO auth.accounts (spotify_user_id, display_name, time_zone) VALUES ('weekly-user', 'Weekly Listener', $1) RETURNING id`,
    [TZ],
  );
  const accountId = rows[0].id;
  const seeded = await seed(accountId, to);

  const built = await run(TRANSFORM_CLI, { DATABASE_URL: database.url });
  expect({ code: built.code, output: built.code === 0 ? '' : built.output }).toEqual({ code: 0, output: '' });
  const port = await freePort();
  statsUrl = `http://127.0.0.1:${port}`;
  stats = spawn(process.execPath, [STATS_MAIN], {
    cwd: ROOT,
    env: { ...process.env, ...baseTestEnv(database.url), PORT: String(port), STATS_CACHE_ENTRIES: '0' },
    stdio: 'ignore',
  });
  for (;;) {
    const ok = await fetch(`${statsUrl}/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (stats.exitCode !== null) throw new Error(`stats-api exited with ${stats.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const repository = new NotifyRepository(pool);
  const weekly = new WeeklySummaries(repository, {
    cron: '0 9 * * 1',
    statsUrl,
    internalToken: TEST_INTERNAL_TOKEN,
    timeoutMs: 5000,
    enabled: true,
  });
  expect(await weekly.enqueueDue(now)).toBe(1);
  expect(await weekly.enqueueDue(new Date(now.getTime() + 600_000))).toBe(0); // same week: not again
  const worker = new DeliveryWorker(repository, {
    webhookUrl: receiver.url,
    format: 'json',
    timeoutMs: 5000,
    maxAttempts: 3,
    retryBaseMs: 60_000,
    maxPerHour: 10,
  });
  await worker.deliverDue();
  expect(receiver.received).toHaveLength(1);
  const message = receiver.received[0] as NotificationPayload;
  expect(message).toMatchObject({
    kind: 'weekly_summary',
    type: 'weekly_summary',
    accountId,
    title: 'Your week in music — Weekly Listener',
  });
  const d = message.details as unknown as WeeklySummaryDetails;
  expect(d.week).toEqual({ from: to.minus({ days: 7 }).toISODate(), to: week.to });

  // The same questions, asked of stats-api directly.
  const range = { accountId, tz: TZ, from: week.from, to: week.to };
  expect(d.summary).toEqual(await statsGet('summary', range));
  expect(d.previousSummary).toEqual(await statsGet('summary', { ...range, from: week.previousFrom, to: week.from }));
  expect(d.topArtists).toEqual(await statsGet('top-artists', { ...range, limit: '5' }));
  expect(d.topTracks).toEqual(await statsGet('top-tracks', { ...range, limit: '5' }));
  expect(d.topGenres).toEqual(await statsGet('top-genres', { ...range, limit: '5' }));
  expect(d.discoveries).toEqual(await statsGet('discoveries', { ...range, limit: '100' }));
  expect(d.streaks).toEqual(await statsGet('streaks', { accountId, tz: TZ, to: week.to }));

  // ... and they are this week's numbers, not another range's.
  expect(d.summary.plays).toBe(seeded.thisWeek);
  expect(d.previousSummary.plays).toBe(seeded.lastWeek);
  expect(d.topArtists).toHaveLength(5);
  expect(d.topTracks).toHaveLength(5);
  expect(d.topGenres).toHaveLength(5);
  expect(d.discoveries.map((a) => a.name).sort()).toEqual(['Artist F', 'Artist G']);
  expect(d.summary.minutes).toBeGreaterThan(0);

  const text = renderText(message);
  expect(text).toContain(`1. ${d.topArtists[0].name} — ${d.topArtists[0].plays} plays`);
  expect(text).toContain(`in ${d.summary.plays} plays`);
  expect(text).toContain('New artists discovered: 2');
});
