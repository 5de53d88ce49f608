import type { SpotifyArtist, SpotifyTrack } from '@rewind/spotify';
import type { Pool, PoolClient } from 'pg';
import { CatalogWriter } from '../catalog/catalog.writer';
import { ActiveAccountWaitRow, activeAccountsWithWait } from '../shared/read-models';
import { requestTransform } from '../shared/transform-request';
import { withTransaction } from '@rewind/service-kit';

export type EnrichmentKind = 'artist' | 'track';

export interface QueueItem {
  kind: EnrichmentKind;
  spotifyId: string;
  accountId: string | null;
  attempts: number;
}

export type ActiveAccount = ActiveAccountWaitRow;

/** Give up on an id Spotify does not know after this many answers (it stays un-enriched, never "no genres"). */
export const MAX_NOT_FOUND_ATTEMPTS = 5;

/** The durable enrichment queue (raw.enrichment_queue): everything a restart needs is in the table. */
export class EnrichmentRepository {
  private readonly catalog = new CatalogWriter();

  constructor(private readonly pool: Pool) {}

  /**
   * Gives queued items without a priority their play count (tracks: the queuing account's plays
   * of the track; artists: its plays of the artist's tracks), a bounded number per pass, so the
   * most-played items are fetched first.
   */
  async prioritize(limit = 5000): Promise<number> {
    const r = await this.pool.query(
      `WITH todo AS (
         SELECT kind, spotify_id, account_id FROM raw.enrichment_queue WHERE plays IS NULL ORDER BY enqueued_at LIMIT $1
       ), counted AS (
         SELECT t.kind, t.spotify_id, count(p.played_at)::int AS plays
           FROM todo t LEFT JOIN raw.plays p ON p.account_id = t.account_id AND p.track_id = t.spotify_id
          WHERE t.kind = 'track' GROUP BY t.kind, t.spotify_id
         UNION ALL
         SELECT t.kind, t.spotify_id, count(p.played_at)::int
           FROM todo t LEFT JOIN raw.track_artists ta ON ta.artist_id = t.spotify_id
           LEFT JOIN raw.plays p ON p.account_id = t.account_id AND p.track_id = ta.track_id
          WHERE t.kind = 'artist' GROUP BY t.kind, t.spotify_id
       )
       UPDATE raw.enrichment_queue q SET plays = c.plays FROM counted c WHERE q.kind = c.kind AND q.spotify_id = c.spotify_id`,
      [limit],
    );
    return r.rowCount ?? 0;
  }

  /**
   * Claims due items, most played first: their next attempt moves `claimSeconds` ahead, so a
   * crashed worker's items come back by themselves and replicas never claim the same item twice.
   */
  async claim(limit: number, claimSeconds: number): Promise<QueueItem[]> {
    const r = await this.pool.query<{ kind: EnrichmentKind; spotify_id: string; account_id: string | null; attempts: number }>(
      `WITH due AS (
         SELECT q.kind, q.spotify_id FROM raw.enrichment_queue q
         WHERE q.next_attempt_at <= now()
         ORDER BY q.plays DESC NULLS LAST, q.next_attempt_at, q.kind, q.spotify_id
         LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       UPDATE raw.enrichment_queue q SET next_attempt_at = now() + make_interval(secs => $2)
       FROM due WHERE q.kind = due.kind AND q.spotify_id = due.spotify_id
       RETURNING q.kind, q.spotify_id, q.account_id, q.attempts`,
      [limit, claimSeconds],
    );
    return r.rows.map((x) => ({ kind: x.kind, spotifyId: x.spotify_id, accountId: x.account_id, attempts: x.attempts }));
  }

  /** How much of the catalog is enriched, and what is queued. */
  async counts(): Promise<{ kind: EnrichmentKind; enriched: number; total: number; queued: number }[]> {
    const r = await this.pool.query<{ kind: EnrichmentKind; enriched: number; total: number; queued: number }>(
      `SELECT 'track' AS kind, count(enriched_at)::int AS enriched, count(*)::int AS total,
              (SELECT count(*)::int FROM raw.enrichment_queue WHERE kind = 'track') AS queued FROM raw.tracks
       UNION ALL
       SELECT 'artist', count(enriched_at)::int, count(*)::int,
              (SELECT count(*)::int FROM raw.enrichment_queue WHERE kind = 'artist') FROM raw.artists`,
    );
    return r.rows;
  }

  /** Active accounts (whose tokens may be used) with any Spotify-imposed wait. */
  activeAccounts(): Promise<ActiveAccount[]> {
    return activeAccountsWithWait(this.pool);
  }

  /** Not attempted now (rate limit, no usable account): back in the queue at `until`, attempts unchanged. */
  async postpone(kind: EnrichmentKind, ids: string[], until: Date, reason: string, accountId?: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE raw.enrichment_queue SET next_attempt_at = $3, last_error = $4, account_id = CASE WHEN $5::boolean THEN $6::uuid ELSE account_id END
       WHERE kind = $1 AND spotify_id = ANY($2::text[])`,
      [kind, ids, until, reason, accountId !== undefined, accountId ?? null],
    );
  }

  /** The call failed: one more attempt counted, exponential back-off (1 min doubling, at most 6 h). Nothing is written to the catalog. */
  async failed(kind: EnrichmentKind, ids: string[], reason: string): Promise<void> {
    await this.pool.query(
      `UPDATE raw.enrichment_queue SET attempts = attempts + 1, last_error = $3,
         next_attempt_at = now() + least(interval '6 hours', interval '1 minute' * power(2, least(attempts, 20)))
       WHERE kind = $1 AND spotify_id = ANY($2::text[])`,
      [kind, ids, reason],
    );
  }

  /** Spotify does not know these ids: retried a few times, then dropped (the row stays un-enriched). */
  async notFound(kind: EnrichmentKind, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.pool.query(
      `DELETE FROM raw.enrichment_queue WHERE kind = $1 AND spotify_id = ANY($2::text[]) AND attempts + 1 >= ${MAX_NOT_FOUND_ATTEMPTS}`,
      [kind, ids],
    );
    await this.failed(kind, ids, 'Spotify does not know this id (404)');
  }

  /** Stores fetched artists (every genre, image, enriched_at) and removes them from the queue, in one transaction. */
  async storeArtists(artists: SpotifyArtist[], requestedIds: string[]): Promise<void> {
    if (!artists.length) return;
    await this.transaction(async (db) => {
      await this.catalog.writeArtists(db, artists);
      await db.query(`DELETE FROM raw.enrichment_queue WHERE kind = 'artist' AND spotify_id = ANY($1::text[])`, [requestedIds]);
      // New genres, names and images change the marts: rebuild (requests are coalesced).
      await requestTransform(db, 'enrichment', null);
    });
  }

  /** Stores fetched tracks (album, every artist with its position, images) and removes them from the queue; queues their new artists. */
  async storeTracks(tracks: SpotifyTrack[], requestedIds: string[], accountId: string): Promise<void> {
    if (!tracks.length) return;
    await this.transaction(async (db) => {
      await this.catalog.writeTracks(db, tracks, accountId);
      await db.query(`DELETE FROM raw.enrichment_queue WHERE kind = 'track' AND spotify_id = ANY($1::text[])`, [requestedIds]);
      await requestTransform(db, 'enrichment', accountId);
    });
  }

  private transaction<T>(fn: (db: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, fn);
  }
}
