import type { AccountStatus } from '@rewind/db';
import type { SpotifyPlayHistoryItem } from '@rewind/spotify';
import type { Pool, PoolClient } from 'pg';
import { CatalogWriter } from '../catalog/catalog.writer';
import { storedListenExists } from '../imports/play-matching';
import type { IncidentRecorder } from '../notify/incident-recorder';
import { lockAccountForLoad } from '../shared/account-lock';
import { accountStatus } from '../shared/read-models';
import { requestTransform } from '../shared/transform-request';
import { withTransaction } from '@rewind/service-kit';

export type RunTrigger = 'schedule' | 'manual' | 'demo';

export interface LeasedRun {
  runId: string;
  accountId: string;
  /** Spotify asked this account to wait until then (a previous 429) */
  blockedUntil: Date | null;
}

export interface PollGap {
  from: Date;
  to: Date;
}

export interface LoadOutcome {
  fetched: number;
  inserted: number;
  duplicates: number;
}

/**
 * SQL of a poll: leases (raw.poll_state, FOR UPDATE SKIP LOCKED), the cursor, and the load of
 * one poll's plays and catalog in a single transaction together with the run's ledger row,
 * the lease release and the transform request.
 */
export class PollingRepository {
  private readonly catalog = new CatalogWriter();

  /** `notify`: failure/gap alerts and recoveries, written in the run's own transaction (apps/ingest-service/src/notify). */
  constructor(
    private readonly pool: Pool,
    private readonly notify?: IncidentRecorder,
  ) {}

  /**
   * Leases the active accounts (or the one given) that are not leased by a live replica and
   * were not polled since `tickAt`, and opens a run for each, in one transaction. Several
   * replicas calling this for the same tick share the accounts out: rows one has locked are
   * skipped by the others, and once leased an account carries `last_polled_at >= tickAt`.
   * Runs left 'running' by a replica that died are closed as failed here.
   */
  async lease(options: {
    owner: string;
    tickAt: Date | null;
    leaseSeconds: number;
    trigger: RunTrigger;
    accountId?: string;
  }): Promise<LeasedRun[]> {
    const { owner, tickAt, leaseSeconds, trigger, accountId } = options;
    await this.pool.query(
      `INSERT INTO raw.poll_state (account_id)
       SELECT id FROM auth.accounts WHERE status = 'active' AND ($1::uuid IS NULL OR id = $1) ORDER BY id
       ON CONFLICT (account_id) DO NOTHING`,
      [accountId ?? null],
    );
    return this.transaction(async (db) => {
      const leased = await db.query<{ account_id: string; blocked_until: Date | null }>(
        `WITH picked AS (
           SELECT ps.account_id FROM raw.poll_state ps
           JOIN auth.accounts a ON a.id = ps.account_id AND a.status = 'active'
           WHERE ($4::uuid IS NULL OR ps.account_id = $4)
             AND (ps.leased_until IS NULL OR ps.leased_until < now())
             AND (ps.last_polled_at IS NULL OR ps.last_polled_at < coalesce($2::timestamptz, now()))
           ORDER BY ps.last_polled_at NULLS FIRST, ps.account_id
           FOR UPDATE OF ps SKIP LOCKED
         )
         UPDATE raw.poll_state ps
         SET lease_owner = $1, leased_until = now() + make_interval(secs => $3), last_polled_at = now()
         FROM picked WHERE ps.account_id = picked.account_id
         RETURNING ps.account_id, ps.blocked_until`,
        [owner, tickAt, leaseSeconds, accountId ?? null],
      );
      if (!leased.rowCount) return [];
      const ids = leased.rows.map((r) => r.account_id);
      await db.query(
        `UPDATE raw.ingest_runs SET status = 'failed', finished_at = now(),
           error = 'interrupted: the replica polling this account stopped before finishing (the next run catches up)'
         WHERE account_id = ANY($1::uuid[]) AND status = 'running'`,
        [ids],
      );
      const runs = await db.query<{ id: string; account_id: string }>(
        `INSERT INTO raw.ingest_runs (account_id, trigger) SELECT x, $2 FROM unnest($1::uuid[]) AS x RETURNING id, account_id`,
        [ids, trigger],
      );
      const blocked = new Map(leased.rows.map((r) => [r.account_id, r.blocked_until]));
      return runs.rows.map((r) => ({ runId: r.id, accountId: r.account_id, blockedUntil: blocked.get(r.account_id) ?? null }));
    });
  }

  /** The account's status in auth.accounts, or null when there is no such account. */
  accountStatus(accountId: string): Promise<AccountStatus | null> {
    return accountStatus(this.pool, accountId);
  }

  /**
   * End of the account's newest stored play, as Unix ms (full precision), or undefined when
   * none: recently-played's cursors are end instants.
   */
  async newestEndedMs(accountId: string): Promise<number | undefined> {
    const r = await this.pool.query<{ ms: string | null }>(
      `SELECT (extract(epoch FROM max(ended_at)) * 1000)::bigint AS ms FROM raw.plays WHERE account_id = $1`,
      [accountId],
    );
    return r.rows[0].ms === null ? undefined : Number(r.rows[0].ms);
  }

  /**
   * One poll's load, all or nothing: catalog (albums, artists, tracks, every credited artist
   * with its position), plays, the run's outcome, the lease release and, when plays were
   * inserted, a transform request plus NOTIFY (delivered on COMMIT).
   *
   * Spotify's played_at is the end of the listen. A play already stored (polled, or imported
   * with an end instant within the matching window) is a duplicate. A new play's listening
   * time is min(track duration, time since the account's previous play ended) (the previous
   * play is the one stored or polled with the latest end before it), kept as ms_played, and its
   * played_at is its start: Spotify's instant minus that listening time.
   */
  async load(options: {
    runId: string;
    accountId: string;
    owner: string;
    items: SpotifyPlayHistoryItem[];
    gap: PollGap | null;
  }): Promise<LoadOutcome> {
    const { runId, accountId, owner, items, gap } = options;
    return this.transaction(async (db) => {
      await lockAccountForLoad(db, accountId);
      await this.catalog.writeTracks(
        db,
        items.map((i) => i.track),
        accountId,
      );
      const plays = items
        .filter((i) => i.track?.id)
        .map((i) => ({
          ended_at: i.played_at,
          duration_ms: typeof i.track.duration_ms === 'number' ? i.track.duration_ms : null,
          track_id: i.track.id,
          track_name: i.track.name ?? null,
          artist_name: i.track.artists?.[0]?.name ?? null,
          album_name: i.track.album?.name ?? null,
          context_uri: i.context?.uri ?? null,
        }));
      let inserted = 0;
      if (plays.length) {
        const isStored = storedListenExists({
          accountId: '$1',
          endedAt: 'x.ended_at',
          source: `'poll'`,
          trackId: 'x.track_id',
          trackName: 'x.track_name',
          artistName: 'x.artist_name',
        });
        const r = await db.query(
          `WITH polled AS (
             SELECT x.*, lag(x.ended_at) OVER (ORDER BY x.ended_at) AS polled_prev_end
             FROM jsonb_to_recordset($3::jsonb)
               AS x(ended_at timestamptz, duration_ms integer, track_id text, track_name text, artist_name text, album_name text, context_uri text)
           ), fresh AS (
             SELECT x.*, greatest(x.polled_prev_end,
                                  (SELECT max(p.ended_at) FROM raw.plays p WHERE p.account_id = $1 AND p.ended_at < x.ended_at)) AS prev_end
             FROM polled x
             WHERE NOT ${isStored}
           ), timed AS (
             SELECT f.*, greatest(0, coalesce(least(f.duration_ms::bigint, (extract(epoch FROM f.ended_at - f.prev_end) * 1000)::bigint), 0)) AS ms
             FROM fresh f
           )
           INSERT INTO raw.plays (account_id, played_at, ms_played, track_id, track_name, artist_name, album_name, source, context_uri, ingest_run_id)
           SELECT $1, t.ended_at - t.ms * interval '1 millisecond', t.ms, t.track_id, t.track_name, t.artist_name, t.album_name, 'poll', t.context_uri, $2
           FROM timed t
           ORDER BY t.ended_at
           ON CONFLICT (account_id, played_at) DO NOTHING`,
          [accountId, runId, JSON.stringify(plays)],
        );
        inserted = r.rowCount ?? 0;
      }
      const outcome = { fetched: items.length, inserted, duplicates: items.length - inserted };
      await db.query(
        `UPDATE raw.ingest_runs SET status = 'succeeded', finished_at = clock_timestamp(), fetched = $2, inserted = $3, duplicates = $4,
           gap_detected = $5, gap_from = $6, gap_to = $7, error = NULL
         WHERE id = $1`,
        [runId, outcome.fetched, outcome.inserted, outcome.duplicates, gap !== null, gap?.from ?? null, gap?.to ?? null],
      );
      await this.notify?.pollLoaded(db, { runId, accountId, gap });
      await this.releaseWith(db, accountId, owner, null);
      if (inserted > 0) {
        await requestTransform(db, 'ingest', accountId);
      }
      return outcome;
    });
  }

  /** Closes a run that did not load (skipped or failed) and frees its lease; `blockedUntil` remembers a 429 wait. */
  async finish(options: {
    runId: string;
    accountId: string;
    owner: string;
    status: 'skipped' | 'failed';
    error: string;
    blockedUntil?: Date | null;
  }): Promise<void> {
    await this.transaction(async (db) => {
      await db.query(
        `UPDATE raw.ingest_runs SET status = $2, finished_at = clock_timestamp(), error = $3 WHERE id = $1 AND status = 'running'`,
        [options.runId, options.status, options.error],
      );
      if (options.status === 'failed')
        await this.notify?.pollFailed(db, { runId: options.runId, accountId: options.accountId, error: options.error });
      await this.releaseWith(db, options.accountId, options.owner, options.blockedUntil ?? null);
    });
  }

  private async releaseWith(db: PoolClient, accountId: string, owner: string, blockedUntil: Date | null): Promise<void> {
    await db.query(
      `UPDATE raw.poll_state SET lease_owner = NULL, leased_until = NULL, blocked_until = $3 WHERE account_id = $1 AND lease_owner = $2`,
      [accountId, owner, blockedUntil],
    );
  }

  private transaction<T>(fn: (db: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, fn);
  }
}
