import { Pool } from 'pg';
import { Params, playRows } from '../range-sql';
import { Bucket, By, RangePlan } from '../stats-range';
import { byDay, countBetween, DayIndex, lowerBound, DayRange, dayRange, Dimension, distinctCount, Edges, hourOfWeek, isoOf, NO_EDGES, rank, Ranked, totals } from './day-index';

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

/** Sums of the edge plays per key, for each dimension (albums: plays with an album; genres: each genre of the primary artist); padded to the cell rows' columns. */
const EDGE_KEYS: Record<Dimension, string> = {
  tracks: `select 'tracks', e.track_key, count(*)::float8, sum(e.listening_ms)::float8, null::float8, null::float8 from e group by e.track_key`,
  artists: `select 'artists', e.artist_key, count(*)::float8, sum(e.listening_ms)::float8, null::float8, null::float8 from e group by e.artist_key`,
  albums: `select 'albums', e.album_key, count(*)::float8, sum(e.listening_ms)::float8, null::float8, null::float8 from e where e.album_key is not null group by e.album_key`,
  genres: `select 'genres', ag.genre, count(*)::float8, sum(e.listening_ms)::float8, null::float8, null::float8 from e join raw.artist_genres ag on ag.artist_id = e.artist_id group by ag.genre`,
};

/** What a route reads of the edge days: per-hour cells (totals, days, hours) and/or per-key sums. */
interface EdgeNeeds {
  cells?: boolean;
  dims?: Dimension[];
}

/**
 * The StatsRepository queries that read rollups, answered from an account's DayIndex for ranges in
 * the marts' zone (plan.mode 'rollup'): whole days from memory, the edge days' plays summed by
 * fct_plays in one query per request, names and images of the ranked keys from the all-time rollups.
 * Rows have the repository's shapes, so StatsService maps both alike.
 */
export class IndexedStats {
  private readonly edges: Edges = { keys: {} };
  private pending: Promise<void> = Promise.resolve();
  /** Detail lookups asked for in the same turn of the event loop, read in one query (wrapped asks for three dimensions). */
  private batch: { keys: Partial<Record<Detailed, Set<string>>>; rows: Promise<Map<string, DetailRow>> } | null = null;

  constructor(
    private readonly ix: DayIndex,
    private readonly pool: Pool,
  ) {}

  private async range(account: string, plan: RangePlan, needs: EdgeNeeds): Promise<DayRange> {
    if (plan.mode !== 'rollup' || account !== this.ix.accountId) throw new Error('IndexedStats answers rollup plans of its own account only');
    // Reads serialize, so parallel parts of one answer (wrapped) never read the same edges twice.
    await (this.pending = this.pending.then(() => this.readEdges(account, plan, needs)));
    return dayRange(this.ix, plan.d1, plan.d2, plan.hasWholeDays, plan.edgeDates, this.edges);
  }

  private async readEdges(account: string, plan: RangePlan, needs: EdgeNeeds): Promise<void> {
    const cells = needs.cells && !this.edges.cells;
    const dims = (needs.dims ?? []).filter((d) => !this.edges.keys[d]);
    if (!cells && dims.length === 0) return;
    const p = new Params();
    const where = playRows(plan, p, p.add(account), 'f');
    if (!where) {
      Object.assign(this.edges, { ...NO_EDGES, keys: { ...NO_EDGES.keys } });
      return;
    }
    const parts = dims.map((d) => EDGE_KEYS[d]);
    if (cells) {
      parts.push(`select 'cells', e.local_date - date '1970-01-01' || ':' || e.weekday || ':' || e.hour, count(*)::float8, sum(e.listening_ms)::float8,
        (extract(epoch from min(e.played_at)) * 1000)::float8, (extract(epoch from max(e.played_at)) * 1000)::float8
        from e group by e.local_date, e.weekday, e.hour`);
    }
    const sql = parts.join('\nunion all\n');
    const { rows } = await this.pool.query({
      text: `with e as materialized (
          select f.local_date, f.weekday, f.hour, f.played_at, f.listening_ms, f.track_key, f.artist_key, f.album_key, f.artist_id from marts.fct_plays f where ${where}
        ) ${sql}`,
      values: p.values,
      rowMode: 'array',
    });
    if (cells) this.edges.cells = [];
    for (const d of dims) this.edges.keys[d] = [];
    for (const [set, key, plays, ms, first, last] of rows as Array<[Dimension | 'cells', string, number, number, number | null, number | null]>) {
      if (set === 'cells') {
        const [day, weekday, hour] = key.split(':').map(Number);
        this.edges.cells!.push({ day, weekday, hour, plays, ms, first: first!, last: last! });
      } else this.edges.keys[set]!.push({ key, plays, ms });
    }
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
    const r = await this.range(account, plan, { cells: true, dims: ['tracks', 'artists', 'albums'] });
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
    const top = rank(this.ix, 'artists', await this.range(account, plan, { dims: ['artists'] }), by, limit);
    return this.ranked<{ id: string | null; image_url: string | null }>('artists', top);
  }

  async topTracks(account: string, plan: RangePlan, by: By, limit: number) {
    const top = rank(this.ix, 'tracks', await this.range(account, plan, { dims: ['tracks'] }), by, limit);
    return this.ranked<{ id: string | null; artist_key: string; artist_name: string; album_key: string | null; album_name: string | null; artists: Array<{ id: string; name: string }> | null }>(
      'tracks',
      top,
    );
  }

  async topAlbums(account: string, plan: RangePlan, by: By, limit: number) {
    const top = rank(this.ix, 'albums', await this.range(account, plan, { dims: ['albums'] }), by, limit);
    return this.ranked<{ id: string | null; artist_name: string | null; artists: Array<{ id: string; name: string }> | null; image_url: string | null }>('albums', top);
  }

  async topGenres(account: string, plan: RangePlan, by: By, limit: number) {
    const top = rank(this.ix, 'genres', await this.range(account, plan, { dims: ['genres'] }), by, limit);
    return top.map((t) => ({ key: t.key, plays: String(t.plays), ms: String(t.ms) }));
  }

  async activity(account: string, plan: RangePlan, bucket: Bucket) {
    const r = await this.range(account, plan, { cells: true });
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
    const cells = hourOfWeek(this.ix, await this.range(account, plan, { cells: true }));
    const out: Array<{ weekday: number; hour: number; plays: string; ms: string }> = [];
    for (let i = 0; i < 168; i++) if (cells.plays[i] > 0) out.push({ weekday: Math.floor(i / 24), hour: i % 24, plays: String(cells.plays[i]), ms: String(cells.ms[i]) });
    return out;
  }

  async discoveryCounts(account: string, plan: RangePlan) {
    await this.range(account, plan, {});
    const [from, to] = [plan.from?.getTime() ?? null, plan.to?.getTime() ?? null];
    return { artists: countBetween(this.ix.discovered.artist, from, to), tracks: countBetween(this.ix.discovered.track, from, to) };
  }

  /** The first artists first played inside the range (by first play, then key), with names and images. */
  async discoveries(account: string, plan: RangePlan, limit: number) {
    await this.range(account, plan, {});
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
    return byDay(this.ix, await this.range(account, plan, { cells: true })).map((d) => isoOf(d.day));
  }
}
