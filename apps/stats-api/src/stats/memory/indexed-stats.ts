import { Pool } from 'pg';
import type { StatsRepository } from '../stats.repository';
import { Bucket, By, RangePlan } from '../stats-range';
import { DetailCache, Detailed } from './detail-cache';
import { between, byDay, DayIndex, dayOf, DayRange, dayRange, distinctCount, hourOfWeek, isoOf, rank, Ranked, totals } from './day-index';
import { EdgeNeeds, edgesOf } from './play-log';

const label: Record<Exclude<Bucket, 'weekday' | 'hour'>, (day: number, weekday: number) => string> = {
  day: (day) => isoOf(day),
  week: (day, weekday) => isoOf(day - weekday),
  month: (day) => isoOf(day).slice(0, 7),
  year: (day) => isoOf(day).slice(0, 4),
};

/** The range's bounds as epoch ms (null = unbounded). */
const instants = (plan: RangePlan): [from: number | null, to: number | null] => [plan.from?.getTime() ?? null, plan.to?.getTime() ?? null];

/**
 * The StatsRepository queries of one account answered from its DayIndex: the rollup queries for ranges
 * in the marts' zone (plan.mode 'rollup'), whole days and the edge days' plays (its play log) from
 * memory; recent plays and sessions for any range. Names and images of the keys and plays an answer
 * lists come from its DetailCache. Rows have the repository's shapes, so StatsService maps both alike.
 */
export class IndexedStats {
  private readonly details: DetailCache;

  constructor(
    readonly ix: DayIndex,
    pool: Pool,
    private readonly fallback: Pick<StatsRepository, 'recent'>,
  ) {
    this.details = new DetailCache(ix.accountId, pool);
  }

  private own(account: string): void {
    if (account !== this.ix.accountId) throw new Error('IndexedStats answers its own account only');
  }

  private range(account: string, plan: RangePlan, needs: EdgeNeeds): DayRange {
    this.own(account);
    if (plan.mode !== 'rollup') throw new Error('IndexedStats answers rollup plans only');
    const edges = edgesOf(this.ix, plan.edgeDates.map(dayOf), ...instants(plan), needs);
    return dayRange(this.ix, plan.d1, plan.d2, plan.hasWholeDays, plan.edgeDates, edges);
  }

  /** Ranked keys joined with their details (details win for names; a key without an all-time row keeps its own). */
  private async ranked<T extends object>(
    dim: Detailed,
    top: Ranked[],
  ): Promise<Array<T & { key: string; name: string | null; plays: string; ms: string }>> {
    if (top.length === 0) return [];
    const details = await this.details.details(
      dim,
      top.map((t) => t.key),
    );
    return top.map((t) => {
      const d = details.get(t.key);
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
    return this.ranked<{
      id: string | null;
      artist_key: string;
      artist_name: string;
      album_key: string | null;
      album_name: string | null;
      artists: Array<{ id: string; name: string }> | null;
    }>('tracks', top);
  }

  async topAlbums(account: string, plan: RangePlan, by: By, limit: number) {
    const top = rank(this.ix, 'albums', this.range(account, plan, { dims: ['albums'] }), by, limit);
    return this.ranked<{
      id: string | null;
      artist_name: string | null;
      artists: Array<{ id: string; name: string }> | null;
      image_url: string | null;
    }>('albums', top);
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
      for (let i = 0; i < 168; i++)
        if (cells.plays[i] > 0) add(String(bucket === 'hour' ? i % 24 : Math.floor(i / 24)), cells.plays[i], cells.ms[i]);
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
    for (let i = 0; i < 168; i++)
      if (cells.plays[i] > 0)
        out.push({ weekday: Math.floor(i / 24), hour: i % 24, plays: String(cells.plays[i]), ms: String(cells.ms[i]) });
    return out;
  }

  async discoveryCounts(account: string, plan: RangePlan) {
    this.range(account, plan, {});
    const count = (sorted: Float64Array) => {
      const [start, end] = between(sorted, ...instants(plan));
      return end - start;
    };
    return { artists: count(this.ix.discovered.artist), tracks: count(this.ix.discovered.track) };
  }

  /** The first artists first played inside the range (by first play, then key), with names and images. */
  async discoveries(account: string, plan: RangePlan, limit: number) {
    this.range(account, plan, {});
    const { at, keys } = this.ix.firstArtists;
    const [start, end] = between(at, ...instants(plan));
    const picked = Array.from({ length: Math.max(0, Math.min(end, start + limit) - start) }, (_, i) => ({
      key: keys[start + i],
      at: at[start + i],
    }));
    const details = await this.details.details(
      'artists',
      picked.map((d) => d.key),
    );
    return picked.map(({ key, at: first }) => {
      const d = details.get(key);
      return {
        key,
        id: d?.id ?? null,
        name: d?.name ?? key,
        first_played_at: new Date(first),
        image_url: (d?.image_url as string | null | undefined) ?? null,
      };
    });
  }

  async listeningDays(account: string, plan: RangePlan): Promise<string[]> {
    return byDay(this.ix, this.range(account, plan, { cells: true })).map((d) => isoOf(d.day));
  }

  /** The latest plays inside the range, newest first. */
  async recent(account: string, plan: RangePlan, limit: number) {
    this.own(account);
    const { log } = this.ix;
    if (!log.ordered) return this.fallback.recent(account, plan, limit);
    const [lo, hi] = between(log.at, ...instants(plan));
    const latest: number[] = [];
    for (let p = hi - 1; p >= Math.max(lo, hi - limit); p--) latest.push(log.at[p]);
    return (await this.details.playsAt(latest)) ?? this.fallback.recent(account, plan, limit);
  }

  /** The longest sessions starting inside the range (by listening time, then start). */
  async sessions(account: string, plan: RangePlan, limit: number) {
    this.own(account);
    const s = this.ix.sessions;
    const [lo, hi] = between(s.start, ...instants(plan));
    // Sessions ascend by start, so a later one ranks above an earlier one only with more listening time.
    const top: number[] = [];
    for (let i = lo; i < hi; i++) {
      if (top.length === limit && s.ms[i] <= s.ms[top[limit - 1]]) continue;
      let at = top.length;
      while (at > 0 && s.ms[i] > s.ms[top[at - 1]]) at--;
      top.splice(at, 0, i);
      if (top.length > limit) top.pop();
    }
    return top.map((i) => ({
      session_start: new Date(s.start[i]),
      session_end: new Date(s.end[i]),
      plays: s.plays[i],
      distinct_tracks: s.tracks[i],
      ms: String(s.ms[i]),
    }));
  }
}
