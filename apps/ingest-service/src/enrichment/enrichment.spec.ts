/** The enrichment worker against the emulator (development mode: batch endpoints answer 403). */
import { INestApplication } from '@nestjs/common';
import type { RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { Client } from 'pg';
import { PollingService } from '../polling/polling.service';
import { createHarness, HALF_HOUR, PollingHarness, startEmulatorForPolling } from '../polling/testing/polling-test-kit';
import { EnrichmentService } from './enrichment.service';

let database: TestDatabase;
let db: Client;
let emu: RunningEmulator;
let h: PollingHarness;
let app: INestApplication;
let enrichment: EnrichmentService;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Client({ connectionString: database.url });
  await db.connect();
  emu = await startEmulatorForPolling({ devMode: true, seed: 5 });
  h = createHarness(emu, db, database.url);
  app = await h.startApp();
  enrichment = app.get(EnrichmentService);
});

afterAll(async () => {
  await app?.close();
  await emu?.close();
  await db?.end();
  await database?.drop();
});

beforeEach(() => emu.admin.clearFaults());

const due = () => db.query(`UPDATE raw.enrichment_queue SET next_attempt_at = now() - interval '1 second'`);

async function genresOf(artistId: string): Promise<string[]> {
  const r = await db.query<{ genre: string }>(`SELECT genre FROM raw.artist_genres WHERE artist_id = $1 ORDER BY genre`, [artistId]);
  return r.rows.map((x) => x.genre);
}

describe('enrichment', () => {
  it('a failed call never records "no genres": attempts and back-off only; then every genre is stored', async () => {
    const a = await h.addAccount({ id: 'enrich-a' });
    emu.admin.advance(4 * HALF_HOUR);
    await (
      await app.get(PollingService).tick('schedule', new Date())
    ).done;
    const queued = await db.query<{ spotify_id: string }>(
      `SELECT spotify_id FROM raw.enrichment_queue WHERE kind = 'artist' ORDER BY spotify_id`,
    );
    expect(queued.rowCount).toBeGreaterThan(0);

    emu.admin.setFaults({ errorRate: 1 });
    const failed = await enrichment.runOnce();
    expect(failed.failed).toBe(queued.rowCount);
    const after = await db.query(
      `SELECT count(*)::int AS n FROM raw.enrichment_queue WHERE attempts = 1 AND next_attempt_at > now() AND last_error IS NOT NULL`,
    );
    expect(after.rows[0].n).toBe(queued.rowCount);
    expect((await db.query(`SELECT count(*)::int AS n FROM raw.artists WHERE enriched_at IS NOT NULL`)).rows[0].n).toBe(0);
    expect((await db.query(`SELECT count(*)::int AS n FROM raw.artist_genres`)).rows[0].n).toBe(0);
    expect((await enrichment.runOnce()).claimed).toBe(0); // backing off

    emu.admin.clearFaults();
    await due();
    const pass = await enrichment.runOnce();
    expect(pass.enriched).toBe(queued.rowCount);
    expect((await db.query(`SELECT count(*)::int AS n FROM raw.enrichment_queue`)).rows[0].n).toBe(0);
    for (const { spotify_id } of queued.rows) {
      const c = emu.world.catalog.artistById.get(spotify_id)!;
      expect(await genresOf(spotify_id)).toEqual([...new Set(c.genres ?? [])].sort());
      const row = await db.query(`SELECT name, image_url, enriched_at FROM raw.artists WHERE id = $1`, [spotify_id]);
      expect(row.rows[0]).toMatchObject({ name: c.name, image_url: c.images[0]?.url ?? null });
      expect(row.rows[0].enriched_at).not.toBeNull();
    }
    // development mode: one call per id after the batch endpoint's 403
    expect(emu.admin.counters('enrich-a').artistCalls).toBeGreaterThanOrEqual(queued.rowCount!);
    expect(a).toBeTruthy();
  });

  it("a rate-limited account's items wait until Retry-After; other accounts' items go on; the queue survives a restart", async () => {
    const slow = await h.addAccount({ id: 'enrich-slow', generate: false });
    const fast = await h.addAccount({ id: 'enrich-fast', generate: false });
    const cat = emu.world.catalog;
    const unknown = cat.artists.slice(-6).map((x) => x.id);
    await db.query(`INSERT INTO raw.artists (id, name) SELECT unnest($1::text[]), 'x' ON CONFLICT DO NOTHING`, [unknown]);
    await db.query(`UPDATE raw.artists SET enriched_at = NULL WHERE id = ANY($1::text[])`, [unknown]);
    await db.query(`DELETE FROM raw.artist_genres WHERE artist_id = ANY($1::text[])`, [unknown]);
    await db.query(
      `INSERT INTO raw.enrichment_queue (kind, spotify_id, account_id) SELECT 'artist', x, CASE WHEN o <= 3 THEN $2::uuid ELSE $3::uuid END
       FROM unnest($1::text[]) WITH ORDINALITY AS u(x, o) ON CONFLICT (kind, spotify_id) DO UPDATE SET account_id = excluded.account_id, attempts = 0, next_attempt_at = now()`,
      [unknown, slow, fast],
    );
    emu.admin.setFaults({ retryAfterSec: 3600 }, 'enrich-slow');
    // every other account is busy too, so the slow account's items cannot simply move over
    await db.query(`UPDATE auth.accounts SET status = 'disabled' WHERE id NOT IN ($1, $2)`, [slow, fast]);
    const pass = await enrichment.runOnce();
    expect(pass).toMatchObject({ claimed: 6, enriched: 3, postponed: 3, failed: 0 });
    const rows = await db.query<{ spotify_id: string; next_attempt_at: Date; attempts: number }>(
      `SELECT spotify_id, next_attempt_at, attempts FROM raw.enrichment_queue WHERE spotify_id = ANY($1::text[]) ORDER BY spotify_id`,
      [unknown],
    );
    expect(rows.rows.map((r) => r.spotify_id).sort()).toEqual(unknown.slice(0, 3).sort());
    for (const r of rows.rows) {
      expect(r.attempts).toBe(0); // a rate limit is not a failure
      expect(r.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    }
    // after a restart the queue is still there and the slow account's items are still waiting
    await app.close();
    app = await h.startApp();
    enrichment = app.get(EnrichmentService);
    expect((await enrichment.runOnce()).claimed).toBe(0);
    emu.admin.clearFaults();
    await due();
    await enrichment.runOnce();
    const left = await db.query(`SELECT count(*)::int AS n FROM raw.artists WHERE id = ANY($1::text[]) AND enriched_at IS NULL`, [unknown]);
    expect(left.rows[0].n).toBe(0);
  });

  it('tracks from an import get their album, every artist with its position (0 = primary) and images', async () => {
    const acct = await h.addAccount({ id: 'enrich-import', generate: false });
    const cat = emu.world.catalog;
    const tracks = cat.tracks.filter((t) => t.artistIndexes.length > 1).slice(0, 3);
    await db.query(`INSERT INTO raw.tracks (id, name) SELECT unnest($1::text[]), 'imported' ON CONFLICT DO NOTHING`, [
      tracks.map((t) => t.id),
    ]);
    await db.query(
      `INSERT INTO raw.enrichment_queue (kind, spotify_id, account_id) SELECT 'track', unnest($1::text[]), $2 ON CONFLICT DO NOTHING`,
      [tracks.map((t) => t.id), acct],
    );
    await enrichment.runOnce();
    for (const t of tracks) {
      const row = await db.query(`SELECT name, album_id, enriched_at FROM raw.tracks WHERE id = $1`, [t.id]);
      expect(row.rows[0]).toMatchObject({ name: t.name, album_id: cat.albums[t.albumIndex].id });
      expect(row.rows[0].enriched_at).not.toBeNull();
      const links = await db.query(`SELECT position, artist_id FROM raw.track_artists WHERE track_id = $1 ORDER BY position`, [t.id]);
      expect(links.rows).toEqual(t.artistIndexes.map((i, position) => ({ position, artist_id: cat.artists[i].id })));
      const album = await db.query(`SELECT images FROM raw.albums WHERE id = $1`, [cat.albums[t.albumIndex].id]);
      expect(album.rows[0].images.length).toBeGreaterThan(0);
    }
    const q = await db.query(`SELECT count(*)::int AS n FROM raw.enrichment_queue WHERE kind = 'track'`);
    expect(q.rows[0].n).toBe(0);
    // their artists are queued for genres
    const artists = await db.query(`SELECT count(*)::int AS n FROM raw.enrichment_queue WHERE kind = 'artist'`);
    expect(artists.rows[0].n).toBeGreaterThan(0);
  });
});
