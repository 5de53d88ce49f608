import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { STAGE_COLUMNS } from './parsing/stage-columns';

/**
 * The first import of an account (it has no plays yet, and holds the account's load lock
 * while it reads) has nothing to be deduplicated against: its extended-history plays are
 * COPYed straight into raw.plays, which costs what a plain COPY costs, instead of being staged
 * and inserted a second time. Everything else (account-data plays, podcasts, audiobooks) is
 * spilled to a file and staged afterwards as usual. The same play twice in the upload breaks
 * the primary key: the caller then rolls back and imports through the staging table.
 */
export class DirectPlays {
  private pending = '';
  /** Track ids seen, with a name: created in raw.tracks (and queued for enrichment) at the end. */
  readonly tracks = new Map<string, string | null>();

  constructor(
    private readonly accountId: string,
    private readonly importId: string,
  ) {}

  /** Takes one extended-history play (the values the staging table would get). */
  add(play: DirectPlay): void {
    const known = this.tracks.get(play.trackId);
    if (known === undefined || (known === null && play.trackName !== null)) this.tracks.set(play.trackId, play.trackName);
    this.pending += `${this.accountId}\t${iso(play.playedMs)}\t${play.trackId}\t${play.rest}\t${play.msPlayed}\textended_history\t${this.importId}\n`;
  }

  /** The COPY text gathered since the last call. */
  take(): string {
    const out = this.pending;
    this.pending = '';
    return out;
  }
}

export interface DirectPlay {
  trackId: string;
  trackName: string | null;
  playedMs: number;
  msPlayed: number;
  /** COPY text of the columns between track_id and ms_played (see DIRECT_COLUMNS) */
  rest: string;
}

/** Column order of the direct COPY into raw.plays. */
export const DIRECT_COLUMNS = [
  'account_id',
  'played_at',
  'track_id',
  'track_name',
  'artist_name',
  'album_name',
  'reason_start',
  'reason_end',
  'shuffle',
  'skipped',
  'offline',
  'offline_at',
  'platform',
  'conn_country',
  'ms_played',
  'source',
  'import_id',
] as const;

const HOUR_MS = 3_600_000;
let isoHourStart = NaN;
let isoHourPrefix = '';

/** `new Date(ms).toISOString()`, without a Date per play: history rows come hour after hour. */
function iso(ms: number): string {
  let inHour = ms - isoHourStart;
  if (!(inHour >= 0 && inHour < HOUR_MS)) {
    inHour = ((ms % HOUR_MS) + HOUR_MS) % HOUR_MS;
    isoHourStart = ms - inHour;
    isoHourPrefix = new Date(isoHourStart).toISOString().slice(0, -10); // up to "THH:"
  }
  const minutes = Math.floor(inHour / 60_000);
  const seconds = Math.floor(inHour / 1000) % 60;
  const millis = inHour % 1000;
  return `${isoHourPrefix}${minutes < 10 ? '0' : ''}${minutes}:${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/** Whether the account has any play stored (a first import may take the direct path). */
export async function accountHasPlays(client: PoolClient, accountId: string): Promise<boolean> {
  const r = await client.query('SELECT 1 FROM raw.plays WHERE account_id = $1 LIMIT 1', [accountId]);
  return (r.rowCount ?? 0) > 0;
}

/** Creates the direct plays' tracks (by name) and queues them for enrichment; returns how many were new. */
export async function createDirectTracks(client: PoolClient, accountId: string, tracks: Map<string, string | null>): Promise<number> {
  if (tracks.size === 0) return 0;
  const ids = [...tracks.keys()];
  const r = await client.query<{ n: string }>(
    `WITH created AS (
       INSERT INTO raw.tracks (id, name)
       SELECT id, coalesce(name, id) FROM unnest($2::text[], $3::text[]) AS t(id, name)
       ON CONFLICT (id) DO NOTHING
       RETURNING id
     ), queued AS (
       INSERT INTO raw.enrichment_queue (kind, spotify_id, account_id)
       SELECT 'track', id, $1::uuid FROM created
       ON CONFLICT (kind, spotify_id) DO NOTHING
     )
     SELECT count(*) AS n FROM created`,
    [accountId, ids, ids.map((id) => tracks.get(id) ?? null)],
  );
  return Number(r.rows[0].n);
}

/** Staging lines written aside while the direct COPY holds the connection, loaded afterwards. */
export class StageSpill {
  private out: WriteStream | null = null;
  private dir: string | null = null;
  private file = '';

  async write(text: string): Promise<void> {
    if (text === '') return;
    if (!this.out) {
      this.dir = await mkdtemp(path.join(os.tmpdir(), 'rewind-import-stage-'));
      this.file = path.join(this.dir, 'stage.copy');
      this.out = createWriteStream(this.file);
    }
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  /** COPYs what was spilled into import_stage. */
  async load(client: PoolClient): Promise<void> {
    if (!this.out) return;
    this.out.end();
    await once(this.out, 'finish');
    await pipeline(
      createReadStream(this.file, { highWaterMark: 1 << 20 }),
      client.query(copyFrom(`COPY import_stage (${STAGE_COLUMNS.join(', ')}) FROM STDIN`)),
    );
  }

  async dispose(): Promise<void> {
    this.out?.destroy();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
