import type { AlbumStatsDto, ArtistStatsDto, EntityStatsDto, GenreStatsDto, TrackStatsDto } from '../dto/insights.dto';
import { minutesOf } from '../stats-range';
import type { AccountState } from './account-state';
import { Dimension } from './catalog';
import { compareC } from './key-columns';
import { firstAndLastPlay, keyScan, keyContextOf, keyRangeOf, ranksOf, Tally } from './key-plays';
import type { KeyRows } from './key-rows';
import { playsBetween } from './play-log';
import type { RankQuery } from './stats-engine';
import { streaksOf } from './streaks';
import { DAY_MS, HOUR_MS, isoOfDay, offsetsFor } from './zone-offsets';

export const ENTITY_KINDS = ['artist', 'track', 'album', 'genre'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const ENTITY_DIMENSION: Record<EntityKind, Dimension> = { artist: 'artists', track: 'tracks', album: 'albums', genre: 'genres' };

/** Ranges shorter than this (both bounds given) bucket an entity's activity by day, longer ones by month. */
export const DAY_BUCKETS_BELOW_MS = 90 * DAY_MS;

const iso = (at: number) => new Date(at).toISOString();

/** Plays of the entity summed by another key of the play (its track, album or primary artist). */
interface SubTally {
  keys: Int32Array;
  tally: Tally;
}

interface EntityCore {
  body: EntityStatsDto;
  /** Local days (tz) with a play of the key inside the range, ascending. */
  days: number[];
}

/**
 * What every entity answers, read from the key's own plays (see key-plays.ts) in one pass:
 * totals, rank, first and last play ever, activity by day or month and hours of the day in the
 * request zone; `tallies` count the range's plays by another dimension too (an artist's tracks, a genre's artists).
 * Null when the account never played the key. Synchronous: nothing of the log is read after it.
 */
function entityCore(state: AccountState, kind: EntityKind, key: string, q: RankQuery, tallies: SubTally[]): EntityCore | null {
  const dim = ENTITY_DIMENSION[kind];
  const dictionary = state.catalog.dictionary(dim);
  const k = dictionary.idOf(key);
  if (k === undefined) return null;
  const ever = firstAndLastPlay(state, dim, k);
  if (ever === null) return null;
  const { log } = state;
  const [lo, hi] = playsBetween(log, q.from, q.to);
  // Local day and hour of each play: the zone's offset table walked forward (plays ascend), no lookup per play.
  const { changesAt, offsetMinutes } = offsetsFor(q.tz, log.at[0] - DAY_MS, log.at[log.count - 1] + DAY_MS);
  let change = 0;
  const hourPlays = new Float64Array(24);
  const hourMs = new Float64Array(24);
  // Per local day: the day changes far less often than plays come, so the map is read once per day.
  const dayIndex = new Map<number, number>();
  const days: number[] = [];
  const dayPlays: number[] = [];
  const dayMs: number[] = [];
  let day = NaN;
  let slot = -1;
  let plays = 0;
  let ms = 0;
  const { runs, keys, marks, target } = keyScan(state, dim, k, lo, hi);
  for (let r = 0; r < runs.length; r += 2) {
    for (let p = runs[r]; p < runs[r + 1]; p++) {
      if ((marks === null ? keys[p] : marks[keys[p]]) !== target) continue;
      const played = log.ms[p];
      plays++;
      ms += played;
      const at = log.at[p];
      if (changesAt[change] > at) change = 0;
      while (change + 1 < changesAt.length && changesAt[change + 1] <= at) change++;
      const local = at + offsetMinutes[change] * 60_000;
      const localDay = Math.floor(local / DAY_MS);
      const hour = Math.floor((local - localDay * DAY_MS) / HOUR_MS);
      hourPlays[hour]++;
      hourMs[hour] += played;
      if (localDay !== day) {
        day = localDay;
        slot = dayIndex.get(day) ?? -1;
        if (slot < 0) {
          slot = days.length;
          dayIndex.set(day, slot);
          days.push(day);
          dayPlays.push(0);
          dayMs.push(0);
        }
      }
      dayPlays[slot]++;
      dayMs[slot] += played;
      for (let t = 0; t < tallies.length; t++) tallies[t].tally.add(tallies[t].keys[p], played);
    }
  }
  // A clock moved back across midnight can put a later play on an earlier local day: order the days.
  const order = days.map((_, i) => i).sort((a, b) => days[a] - days[b]);
  const byDay = q.from !== null && q.to !== null && q.to - q.from < DAY_BUCKETS_BELOW_MS;
  const activity: Array<{ bucket: string; plays: number; ms: number }> = [];
  for (const i of order) {
    const label = byDay ? isoOfDay(days[i]) : isoOfDay(days[i]).slice(0, 7);
    const last = activity[activity.length - 1];
    if (last?.bucket === label) {
      last.plays += dayPlays[i];
      last.ms += dayMs[i];
    } else activity.push({ bucket: label, plays: dayPlays[i], ms: dayMs[i] });
  }
  const rank = plays ? (ranksOf(keyContextOf(state, dim), keyRangeOf(state, q.from, q.to), q.by, [k]).get(k)?.rank ?? null) : null;
  return {
    days: order.map((i) => days[i]),
    body: {
      key: dictionary.keys[k],
      name: dictionary.names[k],
      plays,
      minutes: minutesOf(ms),
      rank,
      firstPlayedAt: iso(log.at[ever.first]),
      lastPlayedAt: iso(log.at[ever.last]),
      activityBucket: byDay ? 'day' : 'month',
      activity: activity.map((b) => ({ bucket: b.bucket, plays: b.plays, minutes: minutesOf(b.ms) })),
      hours: Array.from({ length: 24 }, (_, hour) => ({ hour, plays: hourPlays[hour], minutes: minutesOf(hourMs[hour]) })),
    },
  };
}

/** An artist (primary artist of its plays): the entity, its genres, its top tracks and albums in the range. */
export async function artistStats(state: AccountState, rows: KeyRows, key: string, q: RankQuery): Promise<ArtistStatsDto | null> {
  const { log, catalog } = state;
  const tracks = new Tally(catalog.tracks);
  const albums = new Tally(catalog.albums);
  const core = entityCore(state, 'artist', key, q, [
    { keys: log.track, tally: tracks },
    { keys: log.album, tally: albums },
  ]);
  if (!core) return null;
  const artist = catalog.artists.idOf(key)!;
  const genres = catalog.artistGenres[artist].map((g) => catalog.genres.keys[g]).sort(compareC);
  const [imageUrl, topTracks, topAlbums] = await Promise.all([
    rows.artistImage(artist),
    rows.tracks(tracks.top(q.by, q.limit)),
    rows.albums(albums.top(q.by, q.limit)),
  ]);
  return { ...core.body, imageUrl, genres, topTracks, topAlbums };
}

/** A track: the entity, its credited artists and album, and its longest streak of listening days in the range. */
export async function trackStats(state: AccountState, rows: KeyRows, key: string, q: RankQuery): Promise<TrackStatsDto | null> {
  const core = entityCore(state, 'track', key, q, []);
  if (!core) return null;
  const longestStreak = streaksOf(core.days, null).longest;
  const track = state.catalog.tracks.idOf(key)!;
  const [artists] = await rows.trackArtists([track]);
  return { ...core.body, artists, album: rows.albumRef(state.catalog.trackFacts[track].album), longestStreak };
}

/** An album: the entity, its artists and cover, and its tracks played in the range. */
export async function albumStats(state: AccountState, rows: KeyRows, key: string, q: RankQuery): Promise<AlbumStatsDto | null> {
  const { log, catalog } = state;
  const tracks = new Tally(catalog.tracks);
  const core = entityCore(state, 'album', key, q, [{ keys: log.track, tally: tracks }]);
  if (!core) return null;
  const album = catalog.albums.idOf(key)!;
  const [[row], ranked] = await Promise.all([rows.albums([{ key: album, plays: 0, ms: 0 }]), rows.tracks(tracks.top(q.by, q.limit))]);
  return { ...core.body, artists: row.artists, imageUrl: row.imageUrl, tracks: ranked };
}

/** A genre (a play counts toward each genre of its primary artist): the entity and its top artists in the range. */
export async function genreStats(state: AccountState, rows: KeyRows, key: string, q: RankQuery): Promise<GenreStatsDto | null> {
  const { log, catalog } = state;
  const artists = new Tally(catalog.artists);
  const core = entityCore(state, 'genre', key, q, [{ keys: log.artist, tally: artists }]);
  if (!core) return null;
  return { ...core.body, topArtists: await rows.artists(artists.top(q.by, q.limit)) };
}
