import { Pool } from 'pg';
import type {
  ActivityBucketDto,
  DiscoveryDto,
  HeatmapCellDto,
  RecentPlayDto,
  SessionDto,
  StreaksDto,
  SummaryDto,
  TopAlbumDto,
  TopArtistDto,
  TopGenreDto,
  TopTrackDto,
  WrappedDto,
} from '../dto/stats-responses.dto';
import { Bucket, minutesOf } from '../stats-range';
import { AccountState, calendarOf } from './account-state';
import { CatalogDetails } from './catalog-details';
import { Dimension } from './catalog';
import { distinctCount, KeyContext, KeyRange, KeyTotal, rankKeys } from './key-queries';
import { KeyRows } from './key-rows';
import { between, playsBetween, SOURCES } from './play-log';
import { byDay, DayTotal, hourOfWeek, splitRange } from './range-split';
import { BehaviourEntity, RankQuery, StatsEngine, StatsRange } from './stats-engine';
import { streaksOf } from './streaks';
import * as insights from './insights';
import { dayOfIso, isoOfDay } from './zone-offsets';
import { LocalYear, localYearOf } from './zone-years';

const iso = (at: number) => new Date(at).toISOString();

/** Label of a day's bucket: the day, its week's Monday, its month or its year. */
const LABELS: Record<'day' | 'week' | 'month' | 'year', (day: number) => string> = {
  day: (day) => isoOfDay(day),
  week: (day) => isoOfDay(day - ((((day + 3) % 7) + 7) % 7)),
  month: (day) => isoOfDay(day).slice(0, 7),
  year: (day) => isoOfDay(day).slice(0, 4),
};

/**
 * The stats of one account state. Sums over keys (tops, distinct counts) read the whole UTC days of
 * a range from the key columns and the rest of its plays from the log; buckets in local time (days,
 * hours, weekdays) read the request zone's calendar the same way. Both split the range by instants,
 * so every zone gets the same exact answers as the raw-plays definition.
 */
export class AccountStats implements StatsEngine {
  private readonly details: CatalogDetails;
  /** Ranked keys as rows (names, images, credits): shared with the insight modules. */
  readonly rows: KeyRows;

  constructor(
    readonly state: AccountState,
    pool: Pool,
  ) {
    this.details = new CatalogDetails(pool);
    this.rows = new KeyRows(state.catalog, this.details);
  }

  private keyRange(range: StatsRange): KeyRange {
    return splitRange(this.state.blocks.utc, this.state.log, range.from, range.to);
  }

  private context(dim: Dimension): KeyContext {
    return { log: this.state.log, catalog: this.state.catalog, col: this.state.blocks.columns[dim] };
  }

  /** The top keys of a dimension: from the zone's year rows for a whole local year, else from the UTC key columns. */
  private rank(dim: Dimension, q: RankQuery): KeyTotal[] {
    const local = localYearOf(this.state, q);
    const base = local?.base(dim, q.by);
    return local && base
      ? rankKeys(this.context(dim), local.range, q.by, q.limit, base)
      : rankKeys(this.context(dim), this.keyRange(q), q.by, q.limit);
  }

  private distinct(dim: Dimension, range: StatsRange, local: LocalYear | null): number {
    const base = local?.base(dim, 'plays');
    return local && base ? distinctCount(this.context(dim), local.range, base) : distinctCount(this.context(dim), this.keyRange(range));
  }

  private localDays(range: StatsRange): DayTotal[] {
    const cal = calendarOf(this.state, range.tz);
    return byDay(cal, this.state.log, splitRange(cal, this.state.log, range.from, range.to));
  }

  summary(range: StatsRange): SummaryDto {
    const { at, msBefore } = this.state.log;
    const [lo, hi] = playsBetween(this.state.log, range.from, range.to);
    const local = localYearOf(this.state, range);
    return {
      plays: hi - lo,
      minutes: minutesOf(msBefore[hi] - msBefore[lo]),
      distinctTracks: this.distinct('tracks', range, local),
      distinctArtists: this.distinct('artists', range, local),
      distinctAlbums: this.distinct('albums', range, local),
      firstPlayedAt: hi > lo ? iso(at[lo]) : null,
      lastPlayedAt: hi > lo ? iso(at[hi - 1]) : null,
    };
  }

  async topArtists(q: RankQuery): Promise<TopArtistDto[]> {
    return this.rows.artists(this.rank('artists', q));
  }

  async topTracks(q: RankQuery): Promise<TopTrackDto[]> {
    return this.rows.tracks(this.rank('tracks', q));
  }

  async topAlbums(q: RankQuery): Promise<TopAlbumDto[]> {
    return this.rows.albums(this.rank('albums', q));
  }

  topGenres(q: RankQuery): TopGenreDto[] {
    return this.rows.genres(this.rank('genres', q));
  }

  activity(range: StatsRange, bucket: Bucket): ActivityBucketDto[] {
    if (bucket === 'weekday' || bucket === 'hour') {
      const cells = this.hourOfWeekSums(range);
      const size = bucket === 'weekday' ? 7 : 24;
      const plays = new Float64Array(size);
      const ms = new Float64Array(size);
      for (let i = 0; i < 168; i++) {
        const b = bucket === 'weekday' ? Math.floor(i / 24) : i % 24;
        plays[b] += cells.plays[i];
        ms[b] += cells.ms[i];
      }
      return Array.from({ length: size }, (_, b) => ({ bucket: b, plays: plays[b], minutes: minutesOf(ms[b]) }));
    }
    const sums = new Map<string, { plays: number; ms: number }>();
    for (const d of this.localDays(range)) {
      const label = LABELS[bucket](d.day);
      const sum = sums.get(label);
      if (sum) {
        sum.plays += d.plays;
        sum.ms += d.ms;
      } else sums.set(label, { plays: d.plays, ms: d.ms });
    }
    // Days ascend, so labels do too.
    return [...sums].map(([label, s]) => ({ bucket: label, plays: s.plays, minutes: minutesOf(s.ms) }));
  }

  private hourOfWeekSums(range: StatsRange) {
    const cal = calendarOf(this.state, range.tz);
    return hourOfWeek(cal, this.state.log, splitRange(cal, this.state.log, range.from, range.to));
  }

  heatmap(range: StatsRange): HeatmapCellDto[] {
    const cells = this.hourOfWeekSums(range);
    return Array.from({ length: 168 }, (_, i) => ({
      weekday: Math.floor(i / 24),
      hour: i % 24,
      plays: cells.plays[i],
      minutes: minutesOf(cells.ms[i]),
    }));
  }

  async recent(range: StatsRange, limit: number): Promise<RecentPlayDto[]> {
    const { log, catalog } = this.state;
    const [lo, hi] = playsBetween(log, range.from, range.to);
    const plays: number[] = [];
    for (let p = hi - 1; p >= Math.max(lo, hi - limit); p--) plays.push(p);
    const snapshot = plays.map((p) => ({ at: log.at[p], ms: log.ms[p], track: log.track[p], album: log.album[p], source: log.source[p] }));
    const artists = await this.rows.trackArtists(snapshot.map((p) => p.track));
    return snapshot.map((p, i) => ({
      playedAt: iso(p.at),
      trackId: catalog.tracks.keys[p.track],
      name: catalog.tracks.names[p.track],
      artists: artists[i],
      album: this.rows.albumRef(p.album),
      minutes: minutesOf(p.ms),
      source: SOURCES[p.source],
    }));
  }

  async discoveries(range: StatsRange, limit: number): Promise<DiscoveryDto[]> {
    const { artistAt, artistKey } = this.state.discoveries;
    const { artists, artistIds } = this.state.catalog;
    const [start, end] = between(artistAt, range.from, range.to);
    const picked = Array.from({ length: Math.max(0, Math.min(end, start + limit) - start) }, (_, i) => start + i);
    const images = await this.details.get(
      'artist',
      picked.map((d) => artistIds[artistKey[d]]),
    );
    return picked.map((d) => {
      const k = artistKey[d];
      return {
        artistId: artists.keys[k],
        name: artists.names[k],
        firstPlayedAt: iso(artistAt[d]),
        imageUrl: images.get(artistIds[k] ?? '')?.imageUrl ?? null,
      };
    });
  }

  streaks(range: StatsRange, today: string): StreaksDto {
    return streaksOf(
      this.localDays(range).map((d) => d.day),
      dayOfIso(today),
    );
  }

  sessions(range: StatsRange, limit: number): SessionDto[] {
    const s = this.state.sessions;
    const [lo, hi] = between(s.start, range.from, range.to);
    // Sessions ascend by start, so a later one ranks above an earlier one only with more listening time.
    const top: number[] = [];
    for (let i = lo; i < hi; i++) {
      if (top.length === limit && s.ms[i] <= s.ms[top[limit - 1]]) continue;
      let at = top.length;
      while (at > 0 && s.ms[i] > s.ms[top[at - 1]]) at--;
      top.splice(at, 0, i);
      if (top.length > limit) top.pop();
    }
    return top.map((i, rank) => ({
      rank: rank + 1,
      start: iso(s.start[i]),
      end: iso(s.end[i]),
      plays: s.plays[i],
      distinctTracks: s.tracks[i],
      minutes: minutesOf(s.ms[i]),
    }));
  }

  async wrapped(year: number, q: RankQuery): Promise<WrappedDto> {
    // Everything read from the state is computed before the first await (see withRecentPlays).
    const tops = Promise.all([this.topArtists(q), this.topTracks(q), this.topAlbums(q), this.discoveries(q, q.limit)]);
    const days = this.localDays(q);
    let busiest: DayTotal | null = null;
    for (const d of days) if (busiest === null || (q.by === 'minutes' ? d.ms > busiest.ms : d.plays > busiest.plays)) busiest = d;
    const hourOfWeek = this.heatmap(q);
    let busiestHourOfWeek: HeatmapCellDto | null = null;
    for (const cell of hourOfWeek) {
      if (cell.plays === 0) continue;
      if (
        busiestHourOfWeek === null ||
        (q.by === 'minutes' ? cell.minutes > busiestHourOfWeek.minutes : cell.plays > busiestHourOfWeek.plays)
      )
        busiestHourOfWeek = cell;
    }
    const count = (sorted: Float64Array) => {
      const [start, end] = between(sorted, q.from, q.to);
      return end - start;
    };
    const totals = this.summary(q);
    const topGenres = this.topGenres(q);
    const discoveries = { artists: count(this.state.discoveries.artistAt), tracks: count(this.state.discoveries.trackAt) };
    const longestStreak = streaksOf(
      days.map((d) => d.day),
      null,
    ).longest;
    const longestSession = this.sessions(q, 1)[0] ?? null;
    const [topArtists, topTracks, topAlbums, firstArtists] = await tops;
    return {
      year,
      timeZone: q.tz,
      totals,
      listeningDays: days.length,
      topArtists,
      topTracks,
      topAlbums,
      topGenres,
      busiestDay: busiest && { date: isoOfDay(busiest.day), plays: busiest.plays, minutes: minutesOf(busiest.ms) },
      busiestHourOfWeek,
      hourOfWeek,
      discoveries: { ...discoveries, firstArtists },
      longestStreak,
      longestSession,
    };
  }

  // Insights (issue #25): each in its own module (see insights.ts).
  hasPlayed(dim: Dimension, key: string): boolean {
    return insights.playedKey(this.state, dim, key) !== null;
  }

  artist(key: string, q: RankQuery) {
    return insights.artistStats(this.state, this.rows, key, q);
  }

  track(key: string, q: RankQuery) {
    return insights.trackStats(this.state, this.rows, key, q);
  }

  album(key: string, q: RankQuery) {
    return insights.albumStats(this.state, this.rows, key, q);
  }

  genre(genre: string, q: RankQuery) {
    return insights.genreStats(this.state, this.rows, genre, q);
  }

  compare(dim: Dimension, q: RankQuery, previous: { from: number | null; to: number | null }) {
    return insights.compareRanges(this.state, dim, q, previous);
  }

  search(text: string, q: RankQuery) {
    return insights.search(this.state, this.rows, text, q);
  }

  onThisDay(date: string, q: RankQuery) {
    return insights.onThisDay(this.state, this.rows, date, q);
  }

  forgotten(dim: Dimension, since: { date: string; at: number }, q: RankQuery) {
    return insights.forgotten(this.state, dim, since, q);
  }

  behaviour(range: StatsRange, entity: BehaviourEntity | null) {
    return insights.behaviourStats(this.state, range, entity);
  }
}
