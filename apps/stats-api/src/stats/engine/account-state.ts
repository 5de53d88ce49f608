import { buildCalendar, Calendar } from './calendar';
import { Catalog, Dimension, DIMENSIONS } from './catalog';
import { Discoveries, discoveriesOf, joinDiscoveries, SeenKeys, seenCopy } from './discoveries';
import { buildKeyColumn, KeyColumn, keyColumnBytes } from './key-columns';
import { appendPlay, copyPlayLog, emptyPlayLog, PLAY_LOG_BYTES_PER_PLAY, PlayLog, PlayRow } from './play-log';
import { joinSessions, lastSessionStart, Sessions, sessionsOf } from './sessions';
import { DAY_MS } from './zone-offsets';

/** Zone calendars kept per account (least recently used dropped first). */
const CALENDARS_PER_ACCOUNT = 6;
/** Room left in the log's arrays for plays appended by later runs before they must be copied. */
const headroom = (plays: number) => Math.max(4096, Math.ceil(plays / 16));

/**
 * What a full load derives from the plays before `cutoff` (the start of the UTC day of the last
 * play): the UTC calendar, the key columns over its days, and the sessions and first plays so far.
 * Plays from `cutoff` on are "recent": they are read from the log one by one, so a run that only
 * adds or changes recent plays gives a new AccountState over the same blocks in milliseconds.
 */
export interface DayBlocks {
  cutoff: number | null;
  /** Plays before the cutoff: log indexes [0, blockedPlays). */
  blockedPlays: number;
  utc: Calendar;
  columns: Record<Dimension, KeyColumn>;
  sessions: Sessions;
  discoveries: Discoveries;
  seen: SeenKeys;
  /** Calendars of other zones, derived on first use (most recently used last). */
  calendars: Map<string, Calendar>;
}

/** One account's plays and everything derived from them, as of one marts version. */
export interface AccountState {
  accountId: string;
  /** Marts version (last finished transform run) the plays were read at. */
  version: string | null;
  /** Newest fct_plays._built_at read (text, microseconds), null without plays: later runs' rows are newer. */
  builtAt: string | null;
  log: PlayLog;
  catalog: Catalog;
  blocks: DayBlocks;
  sessions: Sessions;
  discoveries: Discoveries;
  /** How the state was made: read in full, or the previous state with its recent plays read again. */
  origin: 'full' | 'recent';
}

export interface StateSource {
  accountId: string;
  version: string | null;
  builtAt: string | null;
  /** Plays in instant order. */
  rows: AsyncIterable<PlayRow>;
  playCount: number;
  genresByArtistId: (artistIds: string[]) => Promise<Map<string, string[]>>;
}

/** Builds an account's state from all its plays. */
export async function buildState(source: StateSource): Promise<AccountState> {
  const catalog = new Catalog();
  const log = emptyPlayLog(source.playCount + headroom(source.playCount));
  for await (const row of source.rows) appendPlay(log, catalog, row);
  // A table swapped in by a full-refresh run while it was read would end the stream early: never answer from part of it.
  if (log.count !== source.playCount) throw new Error(`read ${log.count} of the ${source.playCount} plays marts.fct_plays held`);
  catalog.setGenres(await source.genresByArtistId(catalog.artistIds.filter((id): id is string => id !== null)));
  const n = log.count;
  const cutoff = n > 0 ? Math.floor(log.at[n - 1] / DAY_MS) * DAY_MS : null;
  const utc = buildCalendar(log, 'UTC', cutoff);
  const blockedPlays = utc.logStart[utc.days.length];
  const columns = {} as Record<Dimension, KeyColumn>;
  for (const dim of DIMENSIONS) columns[dim] = buildKeyColumn(log, catalog, dim, utc.days, utc.logStart);
  const seen: SeenKeys = { artists: new Uint8Array(catalog.artists.size), tracks: new Uint8Array(catalog.tracks.size) };
  const blocks: DayBlocks = {
    cutoff,
    blockedPlays,
    utc,
    columns,
    sessions: sessionsOf(log, 0, blockedPlays),
    discoveries: discoveriesOf(log, 0, blockedPlays, seen),
    seen,
    calendars: new Map(),
  };
  return {
    accountId: source.accountId,
    version: source.version,
    builtAt: source.builtAt,
    log,
    catalog,
    blocks,
    ...recentParts(log, catalog, blocks),
    origin: 'full',
  };
}

/** Sessions and first plays of the whole log: the blocks' own, completed with the recent plays'. */
function recentParts(log: PlayLog, catalog: Catalog, blocks: DayBlocks): Pick<AccountState, 'sessions' | 'discoveries'> {
  const recent = sessionsOf(log, lastSessionStart(blocks.sessions), log.count);
  const seen = seenCopy(blocks.seen, catalog.artists.size, catalog.tracks.size);
  return {
    sessions: joinSessions(blocks.sessions, recent),
    discoveries: joinDiscoveries(blocks.discoveries, discoveriesOf(log, blocks.blockedPlays, log.count, seen)),
  };
}

/**
 * The state after a run that changed only plays from the cutoff on: `recentRows` are all the plays
 * from the cutoff on, in instant order. The log's arrays are reused when they have room (the plays
 * before the cutoff never change), so the previous state must not be read once this one exists.
 */
export function withRecentPlays(state: AccountState, version: string | null, builtAt: string | null, recentRows: PlayRow[]): AccountState {
  const { blocks } = state;
  const keep = blocks.blockedPlays;
  const needed = keep + recentRows.length;
  const log = needed <= state.log.at.length ? { ...state.log, count: keep } : copyPlayLog(state.log, keep, needed + headroom(needed));
  for (const row of recentRows) appendPlay(log, state.catalog, row);
  return { ...state, version, builtAt, log, ...recentParts(log, state.catalog, blocks), origin: 'recent' };
}

/** The calendar of a zone (UTC's is the blocks'), derived on first use and kept for a few zones. */
export function calendarOf(state: AccountState, zone: string): Calendar {
  const { blocks } = state;
  if (zone === 'UTC' || zone === 'Etc/UTC') return blocks.utc;
  let cal = blocks.calendars.get(zone);
  if (cal) {
    blocks.calendars.delete(zone);
  } else {
    cal = buildCalendar(state.log, zone, blocks.cutoff);
    if (blocks.calendars.size >= CALENDARS_PER_ACCOUNT) blocks.calendars.delete(blocks.calendars.keys().next().value as string);
  }
  blocks.calendars.set(zone, cal);
  return cal;
}

/** Approximate bytes the state holds (typed arrays; keys and names at ~64 bytes each). */
export function stateBytes(state: AccountState): number {
  const { blocks, catalog } = state;
  const log = state.log.at.length * PLAY_LOG_BYTES_PER_PLAY;
  const columns = DIMENSIONS.reduce((sum, dim) => sum + keyColumnBytes(blocks.columns[dim]), 0);
  const calendarBytes = (cal: Calendar) => cal.days.length * (8 + 24 * 12);
  const calendars = calendarBytes(blocks.utc) + [...blocks.calendars.values()].reduce((sum, cal) => sum + calendarBytes(cal), 0);
  const sessions = state.sessions.start.length * 36 + blocks.sessions.start.length * 36;
  const keys = (catalog.tracks.size + catalog.artists.size + catalog.albums.size + catalog.genres.size) * 64;
  return log + columns + calendars + sessions + keys;
}
