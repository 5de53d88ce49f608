/**
 * Polling against the Spotify emulator over real HTTP and a real PostgreSQL: simulated days
 * with faults equal the ground truth, two replicas poll each account once per tick, gaps are
 * detected and reported, failures are isolated and recorded.
 */
import { INestApplication } from '@nestjs/common';
import type { RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { Client } from 'pg';
import request from 'supertest';
import { createHarness, exposedTruth, HALF_HOUR, PollingHarness, startEmulatorForPolling, storedPlays } from './testing/polling-test-kit';
import { PollingService } from './polling.service';

let database: TestDatabase;
let db: Client;
let emu: RunningEmulator;
let h: PollingHarness;
let app: INestApplication;
let polling: PollingService;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Client({ connectionString: database.url });
  await db.connect();
  emu = await startEmulatorForPolling({ devMode: false });
  h = createHarness(emu, db, database.url);
  app = await h.startApp('replica-a');
  polling = app.get(PollingService);
});

afterAll(async () => {
  await app?.close();
  await emu?.close();
  await db?.end();
  await database?.drop();
});

beforeEach(async () => {
  emu.admin.clearFaults();
  // each test works on its own accounts: deactivate the previous ones
  await db.query(`UPDATE auth.accounts SET status = 'disabled'`);
});

/** One scheduled tick on this instance, all polls finished. */
async function tick(service: PollingService = polling, at: Date = new Date()): Promise<void> {
  const t = await service.tick('schedule', at);
  await t.done;
}

/**
 * Half an hour passes between two real ticks, so a Retry-After of seconds has always run out by the
 * next one; simulated ticks come milliseconds apart, so wait the block out (else a 429 on a fast
 * machine could block an account for every remaining simulated tick).
 */
async function waitOutRateLimits(): Promise<void> {
  const r = await db.query(`SELECT max(blocked_until) AS until FROM raw.poll_state WHERE blocked_until > now()`);
  const until: Date | null = r.rows[0].until;
  if (until) await new Promise((resolve) => setTimeout(resolve, until.getTime() - Date.now() + 100));
}

async function runsOf(accountId: string) {
  const r = await db.query(`SELECT * FROM raw.ingest_runs WHERE account_id = $1 ORDER BY started_at`, [accountId]);
  return r.rows;
}

describe('simulated days of polling', () => {
  it('stores exactly what Spotify exposed, with 10% 5xx, some 429s and timeouts', async () => {
    const a = await h.addAccount({ id: 'days-a' });
    const b = await h.addAccount({ id: 'days-b' });
    emu.admin.resetCounters();
    emu.admin.setFaults({ errorRate: 0.1, retryAfterSec: 2, rateLimitCount: 6, hangNext: 2 });
    const days = 3;
    for (let i = 0; i < days * 48; i++) {
      emu.admin.advance(HALF_HOUR);
      await tick();
      await waitOutRateLimits();
    }
    const counters = emu.admin.allCounters();
    const faults = ['days-a', 'days-b'].map((id) => counters.listeners[id]);
    expect(faults.reduce((n, c) => n + c.status5xx, 0)).toBeGreaterThan(10);
    expect(faults.reduce((n, c) => n + c.status429, 0) + counters.global.status429).toBeGreaterThan(0);
    for (const [account, listener] of [
      [a, 'days-a'],
      [b, 'days-b'],
    ]) {
      const truth = exposedTruth(emu, listener);
      expect(truth.length).toBeGreaterThan(50);
      const runs = await runsOf(account);
      const stored = await storedPlays(db, account);
      if (JSON.stringify(stored) !== JSON.stringify(truth)) {
        // Say why: how each run ended.
        const outcomes: Record<string, number> = {};
        for (const r of runs)
          outcomes[`${r.status}${r.error ? `: ${r.error}` : ''}`] = (outcomes[`${r.status}${r.error ? `: ${r.error}` : ''}`] ?? 0) + 1;
        throw new Error(`${listener}: ${stored.length} plays stored, ${truth.length} exposed; runs: ${JSON.stringify(outcomes, null, 1)}`);
      }
      expect(runs).toHaveLength(days * 48);
      expect(runs.reduce((n, r) => n + r.inserted, 0)).toBe(truth.length);
      expect(runs.every((r) => r.status !== 'running' && r.finished_at)).toBe(true);
    }
    // polled plays carry their run and their listening time: at most the track's length, and the
    // time since the previous play ended; played_at is Spotify's instant minus it (the start)
    const r = await db.query(
      `SELECT count(*)::int AS n FROM raw.plays p JOIN raw.tracks t ON t.id = p.track_id
       WHERE p.account_id = $1 AND (p.ms_played IS NULL OR p.ms_played > t.duration_ms OR p.ingest_run_id IS NULL OR p.source <> 'poll'
         OR p.ms_played > extract(epoch FROM p.ended_at - coalesce(
              (SELECT max(q.ended_at) FROM raw.plays q WHERE q.account_id = p.account_id AND q.ended_at < p.ended_at), '-infinity')) * 1000)`,
      [a],
    );
    expect(r.rows[0].n).toBe(0);
    const full = await db.query(
      `SELECT count(*)::int AS n FROM raw.plays p JOIN raw.tracks t ON t.id = p.track_id WHERE p.account_id = $1 AND p.ms_played = t.duration_ms`,
      [a],
    );
    expect(full.rows[0].n).toBeGreaterThan(0);
    // re-running finds nothing new and inserts nothing twice
    await tick();
    expect(await storedPlays(db, a)).toEqual(exposedTruth(emu, 'days-a'));
  });

  it('loads the catalog with every credited artist, its own name and position, album images and release dates', async () => {
    const a = await h.addAccount({ id: 'catalog-a' });
    emu.admin.advance(6 * HALF_HOUR);
    await tick();
    const cat = emu.world.catalog;
    const tracks = await db.query<{ id: string; name: string; album_id: string; duration_ms: number; enriched_at: Date | null }>(
      `SELECT DISTINCT t.id, t.name, t.album_id, t.duration_ms, t.enriched_at FROM raw.tracks t JOIN raw.plays p ON p.track_id = t.id WHERE p.account_id = $1`,
      [a],
    );
    expect(tracks.rowCount).toBeGreaterThan(0);
    for (const t of tracks.rows) {
      const c = cat.trackById.get(t.id)!;
      expect(t.name).toBe(c.name);
      expect(t.duration_ms).toBe(c.durationMs);
      expect(t.enriched_at).not.toBeNull();
      const links = await db.query<{ position: number; artist_id: string; name: string }>(
        `SELECT ta.position, ta.artist_id, ar.name FROM raw.track_artists ta JOIN raw.artists ar ON ar.id = ta.artist_id WHERE ta.track_id = $1 ORDER BY ta.position`,
        [t.id],
      );
      expect(links.rows).toEqual(
        c.artistIndexes.map((i, position) => ({ position, artist_id: cat.artists[i].id, name: cat.artists[i].name })),
      );
      const album = await db.query(`SELECT name, release_date, release_date_precision, image_url, images FROM raw.albums WHERE id = $1`, [
        t.album_id,
      ]);
      expect(album.rows[0].name).toBe(cat.tracks[c.index] && cat.albums[c.albumIndex].name);
      expect(album.rows[0].release_date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(album.rows[0].images.length).toBeGreaterThan(0);
      expect(album.rows[0].image_url).toBe(album.rows[0].images[0].url);
      const albumArtists = await db.query(`SELECT count(*)::int AS n FROM raw.album_artists WHERE album_id = $1`, [t.album_id]);
      expect(albumArtists.rows[0].n).toBeGreaterThan(0);
    }
    // artists without genres yet are queued for enrichment
    const queued = await db.query(
      `SELECT count(*)::int AS n FROM raw.artists a WHERE a.enriched_at IS NULL AND NOT EXISTS (SELECT 1 FROM raw.enrichment_queue q WHERE q.kind = 'artist' AND q.spotify_id = a.id)`,
    );
    expect(queued.rows[0].n).toBe(0);
    // plays inserted → a durable transform request
    const requests = await db.query(`SELECT count(*)::int AS n FROM raw.transform_requests WHERE source = 'ingest' AND account_id = $1`, [
      a,
    ]);
    expect(requests.rows[0].n).toBe(1);
    const before = await db.query(`SELECT max(updated_at) AS u FROM raw.tracks`);
    await tick(); // nothing new: no catalog row rewritten, no new request
    const after = await db.query(`SELECT max(updated_at) AS u FROM raw.tracks`);
    expect(after.rows[0].u).toEqual(before.rows[0].u);
    const again = await db.query(`SELECT count(*)::int AS n FROM raw.transform_requests WHERE source = 'ingest' AND account_id = $1`, [a]);
    expect(again.rows[0].n).toBe(1);
  });
});

describe('replicas', () => {
  it('two instances against 5 accounts: each account polled exactly once per tick, no duplicate rows', async () => {
    const other = await h.startApp('replica-b');
    try {
      const pollingB = other.get(PollingService);
      const accounts: string[] = [];
      for (let i = 0; i < 5; i++) accounts.push(await h.addAccount({ id: `replica-${i}` }));
      for (let t = 0; t < 8; t++) {
        emu.admin.advance(HALF_HOUR);
        emu.admin.resetCounters();
        const at = new Date();
        await Promise.all([tick(polling, at), tick(pollingB, at)]);
        // a replica firing late for the same tick polls nothing
        await tick(pollingB, at);
        const counters = emu.admin.allCounters().listeners;
        for (let i = 0; i < 5; i++) expect(counters[`replica-${i}`].recentlyPlayedCalls).toBe(1);
      }
      for (const [i, account] of accounts.entries()) {
        expect(await runsOf(account)).toHaveLength(8);
        expect(await storedPlays(db, account)).toEqual(exposedTruth(emu, `replica-${i}`));
      }
      const dup = await db.query(
        `SELECT count(*)::int AS n FROM (SELECT account_id, track_id, date_trunc('second', played_at) FROM raw.plays GROUP BY 1, 2, 3 HAVING count(*) > 1) d`,
      );
      expect(dup.rows[0].n).toBe(0);
    } finally {
      await other.close();
    }
  });

  it("a crashed replica's lease expires: its account is polled by the next tick and its run closed as interrupted", async () => {
    const a = await h.addAccount({ id: 'crashed' });
    await db.query(
      `INSERT INTO raw.poll_state (account_id, lease_owner, leased_until, last_polled_at) VALUES ($1, 'dead-replica', now() + interval '1 hour', now())`,
      [a],
    );
    await db.query(`INSERT INTO raw.ingest_runs (account_id, status) VALUES ($1, 'running')`, [a]);
    emu.admin.advance(HALF_HOUR);
    await tick();
    expect((await runsOf(a)).map((r) => r.status)).toEqual(['running']); // still leased: left alone
    await db.query(`UPDATE raw.poll_state SET leased_until = now() - interval '1 second' WHERE account_id = $1`, [a]);
    await tick();
    const runs = await runsOf(a);
    expect(runs.map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(runs[0].error).toMatch(/interrupted/);
    expect(await storedPlays(db, a)).toEqual(exposedTruth(emu, 'crashed'));
  });
});

describe('gaps', () => {
  it('80 listens between two polls: detected, reported in the API and readiness, cleared by a later poll or an import', async () => {
    const a = await h.addAccount({ id: 'gappy', generate: false });
    const tracks = emu.world.catalog.tracks;
    let at = emu.admin.now() - 100 * 240_000;
    const play = (n: number) => {
      const plays = [];
      for (let i = 0; i < n; i++, at += 200_000)
        plays.push({ trackId: tracks[(i * 7) % tracks.length].id, playedAt: at, msPlayed: 120_000 });
      emu.admin.addPlays('gappy', plays);
    };
    play(10);
    await tick();
    const stored = await db.query(`SELECT max(ended_at) AS m FROM raw.plays WHERE account_id = $1`, [a]);
    play(80);
    await tick();
    const runs = await runsOf(a);
    const last = runs[runs.length - 1];
    expect(last).toMatchObject({ status: 'succeeded', fetched: 50, inserted: 50, gap_detected: true });
    expect(last.gap_from).toEqual(stored.rows[0].m);
    const http = app.getHttpServer();
    const listed = await request(http).get(`/api/ingest/runs?accountId=${a}&limit=1`).expect(200);
    expect(listed.body[0].gap).toMatchObject({ from: new Date(stored.rows[0].m).toISOString(), covered: false });
    expect(listed.body[0].gap.message).toMatch(/import your Spotify privacy export/);
    const ready = await request(http).get('/health/ready').expect(200);
    expect(ready.body.details.polling).toMatchObject({ status: 'up', degraded: true });
    expect(ready.body.details.polling.reason).toMatch(/import your Spotify privacy export to fill it/);

    // an import reaching the end of the gap covers it
    await db.query(
      `INSERT INTO raw.plays (account_id, played_at, track_id, source, ms_played) VALUES ($1, $2, $3, 'extended_history', 60000)`,
      [a, new Date(new Date(last.gap_to).getTime() - 500), tracks[0].id],
    );
    expect((await request(http).get('/health/ready').expect(200)).body.details.polling).toEqual({ status: 'up' });
    expect((await request(http).get(`/api/ingest/runs?accountId=${a}&limit=1`).expect(200)).body[0].gap.covered).toBe(true);
    await db.query(`DELETE FROM raw.plays WHERE account_id = $1 AND source = 'extended_history'`, [a]);
    expect((await request(http).get('/health/ready').expect(200)).body.details.polling.degraded).toBe(true);

    // a later poll without a gap clears it
    play(3);
    await tick();
    expect((await request(http).get('/health/ready').expect(200)).body.details.polling).toEqual({ status: 'up' });
  });
});

describe('failures', () => {
  it('a Postgres error mid-run fails that run cleanly, others go on, and the next run catches up', async () => {
    const a = await h.addAccount({ id: 'pg-broken' });
    const b = await h.addAccount({ id: 'pg-fine' });
    await db.query(
      `CREATE FUNCTION pg_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire (test)'; END $$`,
    );
    await db.query(
      `CREATE TRIGGER pg_test_fail BEFORE INSERT ON raw.plays FOR EACH ROW WHEN (NEW.account_id = '${a}') EXECUTE FUNCTION pg_test_fail()`,
    );
    try {
      emu.admin.advance(4 * HALF_HOUR);
      await tick();
      const [failed] = await runsOf(a);
      expect(failed).toMatchObject({ status: 'failed', inserted: 0 });
      expect(failed.error).toMatch(/disk on fire/);
      expect(await storedPlays(db, a)).toEqual([]);
      expect(await storedPlays(db, b)).toEqual(exposedTruth(emu, 'pg-fine'));
      const lease = await db.query(`SELECT lease_owner FROM raw.poll_state WHERE account_id = $1`, [a]);
      expect(lease.rows[0].lease_owner).toBeNull();
    } finally {
      await db.query(`DROP TRIGGER pg_test_fail ON raw.plays; DROP FUNCTION pg_test_fail()`);
    }
    emu.admin.advance(HALF_HOUR);
    await tick();
    expect((await runsOf(a)).map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(await storedPlays(db, a)).toEqual(exposedTruth(emu, 'pg-broken'));
  });

  it('reauth_required (auth answers 409) → run skipped with the reason; Spotify down → failed; the others are polled', async () => {
    const gone = await h.addAccount({ id: 'revoked' });
    const down = await h.addAccount({ id: 'down' });
    const fine = await h.addAccount({ id: 'fine' });
    h.tokens.add(gone, 'not-a-valid-refresh-token'); // the refresh answers invalid_grant → ReauthRequired
    emu.admin.setFaults({ errorRate: 1 }, 'down');
    emu.admin.advance(2 * HALF_HOUR);
    await tick();
    const [g] = await runsOf(gone);
    expect(g.status).toBe('skipped');
    expect(g.error).toMatch(/^reauth_required/);
    const [d] = await runsOf(down);
    expect(d.status).toBe('failed');
    expect(d.error).toMatch(/Spotify unavailable/);
    expect(await storedPlays(db, fine)).toEqual(exposedTruth(emu, 'fine'));
  });

  it('a rate limit beyond the cap skips the account until Retry-After, the others go on', async () => {
    const slow = await h.addAccount({ id: 'limited' });
    const fine = await h.addAccount({ id: 'unlimited' });
    emu.admin.setFaults({ retryAfterSec: 3600 }, 'limited');
    emu.admin.advance(HALF_HOUR);
    await tick();
    const [r] = await runsOf(slow);
    expect(r.status).toBe('skipped');
    expect(r.error).toMatch(/rate limit/);
    const state = await db.query(`SELECT blocked_until FROM raw.poll_state WHERE account_id = $1`, [slow]);
    expect(state.rows[0].blocked_until.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    expect(await storedPlays(db, fine)).toEqual(exposedTruth(emu, 'unlimited'));
    emu.admin.resetCounters();
    await tick();
    expect(emu.admin.counters('limited').recentlyPlayedCalls).toBe(0); // not even asked while blocked
    expect((await runsOf(slow)).map((x) => x.status)).toEqual(['skipped', 'skipped']);
  });
});
