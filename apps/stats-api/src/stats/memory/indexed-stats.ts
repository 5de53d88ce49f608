import { Pool } from 'pg';
import { Params } from '../range-sql';
import { Bucket, By, RangePlan } from '../stats-range';
import { byDay, countBetween, DayIndex, dayOf, lowerBound, DayRange, dayRange, Dimension, distinctCount, hourOfWeek, isoOf, rank, Ranked, totals } from './day-index';
import { EdgeNeeds, edgesOf } from './play-log';

type Detailed = Exclude<Dimension, 'genres'>;

/** Details of the few keys an answer shows, as JSON rows: `$1` account, `$n` the keys. */
const DETAILS: Record<Detailed, (keys: string) => string> = {
  artists: (keys) => `select 'artists', x.artist_key, json_build_object('id', x.artist_id, 'name', x.artist_name, 'image_url', ar.image_url)
    from marts.agg_alltime_artists x left join raw.artists ar on ar.id = x.artist_id
    where x.account_id = $1 and x.artist_key = any(${keys}::text[])`,
  tracks: (keys) => `select 'tracks', x.track_key, json_build_object('id', x.track_id, 'name', x.track_name, 'artist_key', x.artist_key, 'artist_name', x.artist_name,
      'album_key', x.album_key, 'album_name', x.album_name, 'artists', st.artists)
    from marts.agg_alltime_tracks x left join marts.stg_tracks st on st.track_id = x.track_id
    where x.account_id = $1 and x.track_key = any(${keys}::text[])`,
  albums: (keys) => `select 'albums', x.album_key, json_build_object('id', x.album_id, 'name', x.album_name, 'artist_name', x.artist_name, 'artists', sa.artists, 'image_url', sa.image_url)
    from marts.agg_alltime_albums x left join marts.stg_albums sa on sa.album_id = x.album_id
    where x.account_id = $1 and x.album_key = any(${keys}::text[])`,
};

type DetailRow = { id: string | null; name: string | null } & Record<string, unknown>;

const label: Record<Exclude<Bucket, 'weekday' | 'hour'>, (day: number, weekday: number) => string> = {
  day: (day) => isoOf(day),
  week: (day, weekday) => isoOf(day - weekday),
  month: (day) => isoOf(day).slice(0, 7),
  year: (day) => isoOf(day).slice(0, 4),
};

/**
 * The StatsRepository queries that read rollups, answered from an account's DayIndex for ranges in
 * the marts' zone (plan.mode 'rollup'): whole days and the edge days' plays (its play log) from memory,
 * names and images of the keys an answer lists from the all-time rollups (one query).
 * Rows have the repository's shapes, so StatsService maps both alike.
 */
export class IndexedStats {
  /** Detail lookups asked for in the same turn of the event loop, read in one query (wrapped asks for three dimensions). */
  private batch: { keys: Partial<Record<Detailed, Set<string>>>; rows: Promise<Map<string, DetailRow>> } | null = null;

  constructor(
    private readonly ix: DayIndex,
    private readonly pool: Pool,
  ) {}

  private range(account: string, plan: RangePlan, needs: EdgeNeeds): DayRange {
    if (plan.mode !== 'rollup' || account !== this.ix.accountId) throw new Error('IndexedStats answers rollup plans of its own account only');
    const edges = edgesOf(this.ix, plan.edgeDates.map(dayOf), plan.from?.getTime() ?? null, plan.to?.getTime() ?? null, needs);
    return dayRange(this.ix, plan.d1, plan.d2, plan.hasWholeDays, plan.edgeDates, edges);
  }

  /** Details of keys of a dimension, keyed `dim:key`. */
  private details(dim: Detailed, keys: string[]): Promise<Map<string, DetailRow>> {
    if (!this.batch) {
      const batch: NonNullable<IndexedStats['batch']> = { keys: {}, rows: new Promise((resolve, reject) => setImmediate(() => this.readDetails(batch).then(resolve, reject))) };
      this.batch = batch;
    }
    const wanted = (this.batch.keys[dim] ??= new Set());
    for (const key of keys) wanted.add(key);
    return this.batch.rows;
  }

  private async readDetails(batch: NonNullable<IndexedStats['batch']>): Promise<Map<string, DetailRow>> {
    if (this.batch === batch) this.batch = null;
    const p = new Params();
    p.add(this.ix.accountId);
    const parts = (Object.keys(batch.keys) as Detailed[]).map((dim) => DETAILS[dim](p.add([...batch.keys[dim]!])));
    const { rows } = await this.pool.query({ text: parts.join('\nunion all\n'), values: p.values, rowMode: 'array' });
    return new Map((rows as Array<[Detailed, string, DetailRow]>).map(([dim, key, row]) => [`${dim}:${key}`, row]));
  }

  /** Ranked keys joined with their details (details win for names; a key without an all-time row keeps its own). */
  private async ranked<T extends object>(dim: Detailed, top: Ranked[]): Promise<Array<T & { key: string; name: string | null; plays: string; ms: string }>> {
    if (top.length === 0) return [];
    const details = await this.details(dim, top.map((t) => t.key));
    return top.map((t) => {
      const d = details.get(`${dim}:${t.key}`);
      return { ...((d ?? { id: null }) as unknown as T), key: t.key, name: d?.name ?? t.name, plays: String(t.plays), ms: String(t.ms) };
    });
  }

  async summary(account: string, plan: RangePlan) {
    const r = this.range(account, plan, { cells: true, dims: ['tracks', 'artists', 'albums'] });
    const t = totals(this.ix, r);
    return {
      plays: String(t.plays),
      ms: String(t.ms),
      first: t.first === null ? null : new Date(t.first),
      last: t.last === null ? null : new Date(t.last),
      tracks: String(distinctCount(this.ix, 'tracks', r)),
      artists: String(distinctCount(this.ix, 'artists', r)),
      albums: String(distinctCount(this.ix, 'albums', r)),
    };
  }

  async topArtists(account: string, plan: RangePlan, by: By, limit: number) {
    const top = rank(this.ix, 'artists', this.range(account, plan, { dims: ['artists'] }), by, limit);
    return this.ranked<{ id: string | null; image_url: string | null }>('artists', top);
  }

  async topTracks(account: string, plan: RangePlan, by: By, limit: number) {
    const top = rank(this.ix, 'tracks', this.range(account, plan, { dims: ['tracks'] }), by, limit);
    return this.ranked<{ id: string | null; artist_key: string; artist_name: string; album_key: string | null; album_name: string | null; artists: Array<{ id: string; name: string }> | null }>(
      'tracks',
      top,
    );
  }

  async topAlbums(account: string, plan: RangePlan, by: By, limit: number) {
    const top = rank(this.ix, 'albums', this.range(account, plan, { dims: ['albums'] }), by, limit);
    return this.ranked<{ id: string | null; artist_name: string | null; artists: Array<{ id: string; name: string }> | null; image_url: string | null }>('albums', top);
  }

  async topGenres(account: string, plan: RangePlan, by: By, limit: number) {
    const top = rank(this.ix, 'genres', this.range(account, plan, { dims: ['genres'] }), by, limit);
    return top.map((t) => ({ key: t.key, plays: String(t.plays), ms: String(t.ms) }));
  }

  async activity(account: string, plan: RangePlan, bucket: Bucket) {
    const r = this.range(account, plan, { cells: true });
    const sums = new Map<string, { plays: number; ms: number }>();
    const add = (key: string, plays: number, ms: number) => {
      const s = sums.get(key);
      if (s) {
        s.plays += plays;
        s.ms += ms;
      } else sums.set(key, { plays, ms });
    };
    if (bucket === 'hour' || bucket === 'weekday') {
      const cells = hourOfWeek(this.ix, r);
      for (let i = 0; i < 168; i++) if (cells.plays[i] > 0) add(String(bucket === 'hour' ? i % 24 : Math.floor(i / 24)), cells.plays[i], cells.ms[i]);
    } else {
      for (const d of byDay(this.ix, r)) add(label[bucket](d.day, d.weekday), d.plays, d.ms);
    }
    return [...sums]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, s]) => ({ bucket: key, plays: String(s.plays), ms: String(s.ms) }));
  }

  async heatmap(account: string, plan: RangePlan) {
    const cells = hourOfWeek(this.ix, this.range(account, plan, { cells: true }));
    const out: Array<{ weekday: number; hour: number; plays: string; ms: string }> = [];
    for (let i = 0; i < 168; i++) if (cells.plays[i] > 0) out.push({ weekday: Math.floor(i / 24), hour: i % 24, plays: String(cells.plays[i]), ms: String(cells.ms[i]) });
    return out;
  }

  async discoveryCounts(account: string, plan: RangePlan) {
    this.range(account, plan, {});
    const [from, to] = [plan.from?.getTime() ?? null, plan.to?.getTime() ?? null];
    return { artists: countBetween(this.ix.discovered.artist, from, to), tracks: countBetween(this.ix.discovered.track, from, to) };
  }

  /** The first artists first played inside the range (by first play, then key), with names and images. */
  async discoveries(account: string, plan: RangePlan, limit: number) {
    this.range(account, plan, {});
    const { at, keys } = this.ix.firstArtists;
    const [from, to] = [plan.from?.getTime() ?? null, plan.to?.getTime() ?? null];
    const start = from === null ? 0 : lowerBound(at, from);
    const end = Math.min(to === null ? at.length : lowerBound(at, to), start + limit);
    const picked = Array.from({ length: Math.max(0, end - start) }, (_, i) => ({ key: keys[start + i], at: at[start + i] }));
    const details = picked.length ? await this.details('artists', picked.map((d) => d.key)) : new Map<string, DetailRow>();
    return picked.map(({ key, at: first }) => {
      const d = details.get(`artists:${key}`);
      return { key, id: d?.id ?? null, name: d?.name ?? key, first_played_at: new Date(first), image_url: (d?.image_url as string | null | undefined) ?? null };
    });
  }

  async listeningDays(account: string, plan: RangePlan): Promise<string[]> {
    return byDay(this.ix, this.range(account, plan, { cells: true })).map((d) => isoOf(d.day));
  }
}
