import { Pool } from 'pg';
import { Params } from '../range-sql';
import { PLAY_ROW_COLUMNS, PlayRow } from '../stats.repository';
import { Dimension } from './day-index';

export type Detailed = Exclude<Dimension, 'genres'>;
export type DetailRow = { id: string | null; name: string | null } & Record<string, unknown>;

/** Details of the few keys an answer shows, as JSON rows: `$1` account, `$n` the keys. */
const DETAILS: Record<Detailed, (keys: string) => string> = {
  artists: (keys) => `select 'artists', x.artist_key, json_build_object('id', x.artist_id, 'name', x.artist_name, 'image_url', ar.image_url)
    from marts.agg_alltime_artists x left join raw.artists ar on ar.id = x.artist_id
    where x.account_id = $1 and x.artist_key = any(${keys}::text[])`,
  tracks: (
    keys,
  ) => `select 'tracks', x.track_key, json_build_object('id', x.track_id, 'name', x.track_name, 'artist_key', x.artist_key, 'artist_name', x.artist_name,
      'album_key', x.album_key, 'album_name', x.album_name, 'artists', st.artists)
    from marts.agg_alltime_tracks x left join marts.stg_tracks st on st.track_id = x.track_id
    where x.account_id = $1 and x.track_key = any(${keys}::text[])`,
  albums: (
    keys,
  ) => `select 'albums', x.album_key, json_build_object('id', x.album_id, 'name', x.album_name, 'artist_name', x.artist_name, 'artists', sa.artists, 'image_url', sa.image_url)
    from marts.agg_alltime_albums x left join marts.stg_albums sa on sa.album_id = x.album_id
    where x.account_id = $1 and x.album_key = any(${keys}::text[])`,
};

/** Entries remembered per cache: past it, further reads are still answered but not kept. */
const DETAIL_CACHE_ENTRIES = 20_000;

/**
 * Names, ids and images of an account's keys and plays, read from the marts on first use and then
 * remembered: it belongs to one DayIndex, whose marts version they cannot change within (stats answers
 * already read catalog images as of the version, through the response cache). Reads asked for in the
 * same turn of the event loop share one query (wrapped asks for three dimensions at once).
 */
export class DetailCache {
  private readonly keys = new Map<string, DetailRow | null>();
  /** By played_at in epoch ms (raw.plays keeps milliseconds). */
  private readonly plays = new Map<number, PlayRow>();
  private batch: { keys: Partial<Record<Detailed, Set<string>>>; rows: Promise<Map<string, DetailRow | null>> } | null = null;

  constructor(
    private readonly accountId: string,
    private readonly pool: Pool,
  ) {}

  /** Details of keys of a dimension, by key (null: the key has no all-time row). */
  async details(dim: Detailed, keys: readonly string[]): Promise<Map<string, DetailRow | null>> {
    const missing = keys.filter((key) => !this.keys.has(`${dim}:${key}`));
    const read = missing.length ? await this.read(dim, missing) : null;
    return new Map(keys.map((key) => [key, read?.get(`${dim}:${key}`) ?? this.keys.get(`${dim}:${key}`) ?? null]));
  }

  private read(dim: Detailed, keys: string[]): Promise<Map<string, DetailRow | null>> {
    if (!this.batch) {
      const batch: NonNullable<DetailCache['batch']> = {
        keys: {},
        rows: new Promise((resolve, reject) => setImmediate(() => this.readBatch(batch).then(resolve, reject))),
      };
      this.batch = batch;
    }
    const wanted = (this.batch.keys[dim] ??= new Set());
    for (const key of keys) wanted.add(key);
    return this.batch.rows;
  }

  private async readBatch(batch: NonNullable<DetailCache['batch']>): Promise<Map<string, DetailRow | null>> {
    if (this.batch === batch) this.batch = null;
    const p = new Params();
    p.add(this.accountId);
    const dims = Object.keys(batch.keys) as Detailed[];
    const parts = dims.map((dim) => DETAILS[dim](p.add([...batch.keys[dim]!])));
    const { rows } = await this.pool.query({ text: parts.join('\nunion all\n'), values: p.values, rowMode: 'array' });
    const read = new Map<string, DetailRow | null>(
      (rows as Array<[Detailed, string, DetailRow]>).map(([dim, key, row]) => [`${dim}:${key}`, row]),
    );
    for (const dim of dims) {
      for (const key of batch.keys[dim]!) {
        const id = `${dim}:${key}`;
        if (!read.has(id)) read.set(id, null);
        if (this.keys.size < DETAIL_CACHE_ENTRIES) this.keys.set(id, read.get(id)!);
      }
    }
    return read;
  }

  /**
   * The plays at these instants (epoch ms), in the order given; null when one of them is no longer in
   * marts.fct_plays (a transform is rebuilding it: the caller answers from SQL).
   */
  async playsAt(instants: readonly number[]): Promise<PlayRow[] | null> {
    const missing = instants.filter((at) => !this.plays.has(at));
    const read = new Map<number, PlayRow>();
    if (missing.length) {
      const { rows } = await this.pool.query<PlayRow>(
        `select ${PLAY_ROW_COLUMNS}
         from marts.fct_plays f left join marts.stg_tracks st on st.track_id = f.track_id
         where f.account_id = $1 and f.played_at = any($2::timestamptz[])`,
        [this.accountId, missing.map((at) => new Date(at).toISOString())],
      );
      for (const row of rows) {
        read.set(row.played_at.getTime(), row);
        if (this.plays.size < DETAIL_CACHE_ENTRIES) this.plays.set(row.played_at.getTime(), row);
      }
    }
    const out: PlayRow[] = [];
    for (const at of instants) {
      const row = read.get(at) ?? this.plays.get(at);
      if (!row) return null;
      out.push(row);
    }
    return out;
  }
}
