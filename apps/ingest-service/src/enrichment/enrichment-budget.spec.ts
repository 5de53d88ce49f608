/**
 * The daily call budget of enrichment against the emulator and a real PostgreSQL: most-played
 * items first, nothing asked of Spotify once the day's budget is spent while polling goes on,
 * and the next day (a test-controlled clock, no waiting) resumes it.
 */
import { INestApplication } from '@nestjs/common';
import { SpotifyClient } from '@rewind/spotify';
import type { RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { Client } from 'pg';
import request from 'supertest';
import { PollingService } from '../polling/polling.service';
import { createHarness, HALF_HOUR, PollingHarness, startEmulatorForPolling } from '../polling/testing/polling-test-kit';
import { EnrichmentBudget } from './enrichment-budget';
import { EnrichmentRepository } from './enrichment.repository';
import { EnrichmentService } from './enrichment.service';

const DAILY = 5;
const TRACKS = 12;

let database: TestDatabase;
let db: Client;
let emu: RunningEmulator;
let h: PollingHarness;
let app: INestApplication;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Client({ connectionString: database.url });
  await db.connect();
  emu = await startEmulatorForPolling({ devMode: true, seed: 11 });
  h = createHarness(emu, db, database.url);
  app = await h.startApp('replica-a', { ENRICHMENT_DAILY_CALLS: String(DAILY), ENRICHMENT_BATCH_SIZE: '50' });
});

afterAll(async () => {
  await app?.close();
  await emu?.close();
  await db?.end();
  await database?.drop();
});

/** Track ids of the queue still waiting, and the ones enriched. */
const enrichedTracks = async (ids: string[]) =>
  (
    await db.query<{ id: string }>(`SELECT id FROM raw.tracks WHERE id = ANY($1::text[]) AND enriched_at IS NOT NULL ORDER BY id`, [ids])
  ).rows.map((r) => r.id);

it('spends the daily budget on the most-played items, never starves polling, and resumes the next day', async () => {
  // An imported lifetime: 12 tracks known by id and name only, track i played i + 1 times.
  const importer = await h.addAccount({ id: 'budget-import', generate: false });
  const listener = await h.addAccount({ id: 'budget-poll', historyDays: 1 });
  const tracks = emu.world.catalog.tracks.slice(0, TRACKS);
  await db.query(`INSERT INTO raw.tracks (id, name) SELECT unnest($1::text[]), 'imported' ON CONFLICT DO NOTHING`, [
    tracks.map((t) => t.id),
  ]);
  for (const [i, t] of tracks.entries())
    for (let n = 0; n <= i; n++)
      await db.query(
        `INSERT INTO raw.plays (account_id, played_at, track_id, track_name, artist_name, ms_played, source)
         VALUES ($1, $2, $3, $4, 'Someone', 200000, 'extended_history')`,
        [importer, new Date(Date.UTC(2025, 0, 1 + i, n)), t.id, t.name],
      );
  await db.query(`INSERT INTO raw.enrichment_queue (kind, spotify_id, account_id) SELECT 'track', unnest($1::text[]), $2`, [
    tracks.map((t) => t.id),
    importer,
  ]);

  let clock = new Date();
  const worker = new EnrichmentService(app.get(EnrichmentRepository), app.get(SpotifyClient), app.get(EnrichmentBudget), {
    batchSize: 50,
    now: () => clock,
  });
  const calls = () => emu.admin.counters('budget-import').trackCalls + emu.admin.counters('budget-poll').trackCalls;

  // Day 1: five calls, on the five most-played tracks.
  const first = await worker.runOnce();
  expect(first).toMatchObject({ claimed: DAILY, enriched: DAILY, budgetExhausted: false });
  const mostPlayed = tracks.slice(-DAILY).map((t) => t.id);
  expect(await enrichedTracks(tracks.map((t) => t.id))).toEqual([...mostPlayed].sort());
  const spent = calls();

  // The budget is spent: the worker asks Spotify nothing more today...
  expect(await worker.runOnce()).toMatchObject({ claimed: 0, budgetExhausted: true });
  expect(calls()).toBe(spent);
  // ... and polling is not affected.
  emu.admin.advance(2 * HALF_HOUR);
  const poll = await app.get(PollingService).tick('manual', null);
  await poll.done;
  const run = await db.query(`SELECT status, inserted FROM raw.ingest_runs WHERE account_id = $1 ORDER BY started_at DESC LIMIT 1`, [
    listener,
  ]);
  expect(run.rows[0].status).toBe('succeeded');
  expect(run.rows[0].inserted).toBeGreaterThan(0);

  // Progress in the API: X of Y tracks, today's budget spent, completion on a later day.
  const progress = (await request(app.getHttpServer()).get('/api/ingest/enrichment').expect(200)).body;
  const [{ enriched, total }] = (await db.query(`SELECT count(enriched_at)::int AS enriched, count(*)::int AS total FROM raw.tracks`)).rows;
  expect(progress).toMatchObject({
    summary: `${enriched} of ${total} tracks enriched`,
    tracks: { enriched, total, queued: TRACKS - DAILY },
    budget: { dailyCalls: DAILY, spentToday: DAILY, remainingToday: 0 },
  });
  expect(Date.parse(progress.estimatedCompletionAt)).toBeGreaterThanOrEqual(Date.parse(progress.budget.resetsAt));

  // Day 2: the budget is new; the next most-played items go first.
  clock = new Date(clock.getTime() + 86_400_000);
  await app.get(EnrichmentRepository).prioritize(); // the artists polling queued meanwhile get their play counts too
  const waiting = await db.query<{ spotify_id: string; plays: number }>(`SELECT spotify_id, plays FROM raw.enrichment_queue`);
  const second = await worker.runOnce();
  expect(second).toMatchObject({ claimed: DAILY, enriched: DAILY, budgetExhausted: false });
  const left = new Set(
    (await db.query<{ spotify_id: string }>(`SELECT spotify_id FROM raw.enrichment_queue`)).rows.map((r) => r.spotify_id),
  );
  const taken = waiting.rows.filter((r) => !left.has(r.spotify_id)).map((r) => r.plays);
  const remaining = waiting.rows.filter((r) => left.has(r.spotify_id)).map((r) => r.plays ?? 0);
  expect(taken).toHaveLength(DAILY);
  expect(Math.min(...taken)).toBeGreaterThanOrEqual(Math.max(0, ...remaining));
  expect(await worker.runOnce()).toMatchObject({ claimed: 0, budgetExhausted: true });
});

it('429 QUOTA_EXCEEDED ends the day for enrichment; a rate-limited account gets its reserved calls back', async () => {
  await db.query(`DELETE FROM raw.enrichment_queue`);
  const acct = await h.addAccount({ id: 'quota', generate: false });
  await db.query(`UPDATE auth.accounts SET status = 'disabled' WHERE id <> $1`, [acct]);
  const ids = emu.world.catalog.tracks.slice(20, 23).map((t) => t.id);
  await db.query(`INSERT INTO raw.tracks (id, name) SELECT unnest($1::text[]), 'x' ON CONFLICT DO NOTHING`, [ids]);
  await db.query(`INSERT INTO raw.enrichment_queue (kind, spotify_id, account_id) SELECT 'track', unnest($1::text[]), $2`, [ids, acct]);
  const budget = app.get(EnrichmentBudget);
  let clock = new Date(Date.now() + 10 * 86_400_000);
  const day = clock.toISOString().slice(0, 10);
  const worker = new EnrichmentService(app.get(EnrichmentRepository), app.get(SpotifyClient), budget, { batchSize: 50, now: () => clock });

  emu.admin.setFaults({ retryAfterSec: 3600, quotaExceeded: true }, 'quota');
  expect(await worker.runOnce()).toMatchObject({ claimed: 3, postponed: 3 });
  expect(await budget.spent(day)).toBe(DAILY);
  emu.admin.clearFaults();
  // the next day, once the rate limit has passed, the items are fetched
  clock = new Date(clock.getTime() + 86_400_000);
  await db.query(`UPDATE raw.enrichment_queue SET next_attempt_at = now() WHERE spotify_id = ANY($1::text[])`, [ids]);
  const blocked = app.get(SpotifyClient).rateLimitedUntil(acct);
  expect(blocked).toBeDefined(); // the client still holds the account back: nothing asked, calls refunded
  expect(await worker.runOnce()).toMatchObject({ claimed: 3, postponed: 3 });
  expect(await budget.spent(clock.toISOString().slice(0, 10))).toBe(0);
});
