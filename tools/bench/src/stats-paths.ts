import { STATS_ROUTES, type StatsRoute } from '@rewind/contracts';
import { getJson } from './stats-stack';

/** Keys of the bench account's data the entity, search and behaviour routes ask about (picked from its answers). */
export interface BenchKeys {
  artist: string;
  track: string;
  album: string;
  genre: string;
  /** A short search text: matches many names, as a listener typing the first letters would. */
  q: string;
}

/** The all-time tops: the most played artist, track, album and genre, and the first three letters of that artist's name. */
export async function pickBenchKeys(statsUrl: string, accountId: string): Promise<BenchKeys> {
  const top = async <T>(route: string) => (await getJson<T[]>(statsUrl, `/api/stats/${route}?accountId=${accountId}&limit=1`)).body[0];
  const artist = await top<{ artistId: string; name: string }>('top-artists');
  const track = await top<{ trackId: string }>('top-tracks');
  const album = await top<{ albumId: string }>('top-albums');
  const genre = await top<{ genre: string }>('top-genres');
  return { artist: artist.artistId, track: track.trackId, album: album.albumId, genre: genre.genre, q: artist.name.slice(0, 3) };
}

const enc = encodeURIComponent;
const DIMENSIONS = ['artists', 'tracks', 'albums', 'genres'];

/** The path of each route under /api/stats; every route has one (a route added to STATS_ROUTES must be given one here). */
const PATHS: Record<StatsRoute, (keys: BenchKeys) => string> = {
  summary: () => 'summary',
  'top-artists': () => 'top-artists',
  'top-tracks': () => 'top-tracks',
  'top-albums': () => 'top-albums',
  'top-genres': () => 'top-genres',
  activity: () => 'activity',
  heatmap: () => 'heatmap',
  recent: () => 'recent',
  discoveries: () => 'discoveries',
  streaks: () => 'streaks',
  sessions: () => 'sessions',
  wrapped: () => 'wrapped',
  artist: (k) => `artists/${enc(k.artist)}`,
  track: (k) => `tracks/${enc(k.track)}`,
  album: (k) => `albums/${enc(k.album)}`,
  genre: (k) => `genres/${enc(k.genre)}`,
  compare: () => 'compare',
  search: () => 'search',
  'on-this-day': () => 'on-this-day',
  forgotten: () => 'forgotten',
  behaviour: () => 'behaviour',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The month before and after YYYY-MM, as YYYY-MM-01. */
function monthsAround(year: number, month: number): { previous: string; start: string; next: string } {
  const at = (y: number, m: number) => `${y + Math.floor((m - 1) / 12)}-${pad(((m - 1 + 12) % 12) + 1)}-01`;
  return { previous: at(year, month - 1), start: at(year, month), next: at(year, month + 1) };
}

/**
 * Query strings for a route: all time, a year, a month, and unaligned ranges, read in `tz`. The same
 * sequence of ranges for every zone, so the zones are compared over the same questions; the routes'
 * own parameters on top (compare: artists of a month against the month before; search: a short
 * text; behaviour: every other question about the top artist; on-this-day: a date; forgotten: each dimension).
 */
export function statsPaths(route: StatsRoute, accountId: string, count: number, tz: string, keys: BenchKeys): string[] {
  let x = 12345;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const q = new URLSearchParams({ accountId, tz });
    const kind = i % 4;
    const year = 2021 + Math.floor(rnd() * 5);
    const monthNumber = 1 + Math.floor(rnd() * 12);
    const month = pad(monthNumber);
    if (route === 'wrapped') q.set('year', String(year));
    else if (route === 'on-this-day') q.set('date', `${year}-${month}-15`);
    else if (route === 'forgotten') q.set('dimension', DIMENSIONS[i % 4]);
    else if (route === 'compare') {
      const { previous, start, next } = monthsAround(year, monthNumber);
      q.set('dimension', 'artists');
      q.set('from', start);
      q.set('to', next);
      q.set('compareFrom', previous);
      q.set('compareTo', start);
    } else if (kind === 1) {
      q.set('from', `${year}-01-01`);
      q.set('to', `${year + 1}-01-01`);
    } else if (kind === 2) {
      q.set('from', `${year}-${month}-01`);
      q.set('to', `${year}-${month}-28T${pad(Math.floor(rnd() * 24))}:30`);
    } else if (kind === 3) {
      q.set('from', `${year}-${month}-03T0${Math.floor(rnd() * 10)}:15:00Z`);
      q.set('to', `${year + 1}-${month}-10T1${Math.floor(rnd() * 10)}:45:00Z`);
    }
    if (route === 'activity') q.set('bucket', ['day', 'week', 'month', 'year', 'weekday', 'hour'][i % 6]);
    if (route === 'search') q.set('q', keys.q);
    if (route === 'behaviour' && i % 2) q.set('artist', keys.artist);
    // behaviour ranks nothing: it takes no `by`.
    if (rnd() < 0.3 && route !== 'behaviour') q.set('by', 'minutes');
    out.push(`/api/stats/${PATHS[route](keys)}?${q.toString()}`);
  }
  return out;
}

/** Every route in every zone given, interleaved: what a dashboard's many listeners ask at once. */
export function mixedPaths(accountId: string, zones: string[], keys: BenchKeys, perRoute = 8): string[] {
  const byRoute = STATS_ROUTES.flatMap((route) => zones.map((tz) => statsPaths(route, accountId, perRoute, tz, keys)));
  const out: string[] = [];
  for (let i = 0; i < perRoute; i++) for (const list of byRoute) out.push(list[i]);
  return out;
}
