// The dashboard's hash routes: deep links to one artist, track, album or genre, and to the
// compare view, each carrying its date range and time zone. Pure functions (routes.spec.ts).
import { isIsoDate, isTimeZone, type DateRange } from './range';

export type EntityKind = 'artist' | 'track' | 'album' | 'genre';
export type Dimension = 'artists' | 'tracks' | 'albums' | 'genres';

export const DIMENSIONS: Dimension[] = ['artists', 'tracks', 'albums', 'genres'];
export const DIMENSION_OF: Record<EntityKind, Dimension> = { artist: 'artists', track: 'tracks', album: 'albums', genre: 'genres' };
const KIND_OF: Record<Dimension, EntityKind> = { artists: 'artist', tracks: 'track', albums: 'album', genres: 'genre' };

/** What a route's page covers: a range in a zone, and (the admin's) account; as every route carries it. */
export interface RouteRange extends DateRange {
  tz?: string;
  accountId?: string;
}

export type Route =
  | { page: 'dashboard' }
  | { page: 'entity'; kind: EntityKind; key: string; range: RouteRange }
  | { page: 'compare'; dimension: Dimension; range: RouteRange; compareFrom?: string; compareTo?: string };

function query(values: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const rangeQuery = (r: RouteRange) => ({ from: r.from, to: r.to, tz: r.tz, account: r.accountId });
const ACCOUNT_ID = /^[\w-]{1,100}$/;

/** `#/artists/<key>?from=…&to=…&tz=…` (and `&account=…` for the admin) */
export function entityHref(kind: EntityKind, key: string, range: RouteRange): string {
  return `#/${DIMENSION_OF[kind]}/${encodeURIComponent(key)}${query(rangeQuery(range))}`;
}

/** `#/compare?dimension=…&from=…&to=…&compareFrom=…&compareTo=…&tz=…` */
export function compareHref(dimension: Dimension, range: RouteRange, compareFrom?: string, compareTo?: string): string {
  return `#/compare${query({ dimension, ...rangeQuery(range), compareFrom, compareTo })}`;
}

const date = (value: string | null) => (value && isIsoDate(value) ? value : undefined);

/** The route of a location hash; anything unknown is the dashboard. */
export function parseRoute(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(search);
  const tz = params.get('tz');
  const account = params.get('account');
  const range: RouteRange = {
    from: date(params.get('from')),
    to: date(params.get('to')),
    tz: tz && isTimeZone(tz) ? tz : undefined,
    accountId: account && ACCOUNT_ID.test(account) ? account : undefined,
  };
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 1 && parts[0] === 'compare') {
    const dimension = params.get('dimension') as Dimension | null;
    return {
      page: 'compare',
      dimension: dimension && DIMENSIONS.includes(dimension) ? dimension : 'artists',
      range,
      compareFrom: date(params.get('compareFrom')),
      compareTo: date(params.get('compareTo')),
    };
  }
  if (parts.length === 2 && DIMENSIONS.includes(parts[0] as Dimension)) {
    let key: string;
    try {
      key = decodeURIComponent(parts[1]);
    } catch {
      return { page: 'dashboard' };
    }
    if (key) return { page: 'entity', kind: KIND_OF[parts[0] as Dimension], key, range };
  }
  return { page: 'dashboard' };
}
