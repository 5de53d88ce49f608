import type { PoolClient } from 'pg';
import { MARTS_VERSION_SQL } from '../stats.repository';
import { AccountState, buildState, withRecentPlays } from './account-state';
import type { PlayRow } from './play-log';

/** Plays read per query (keyset pagination on the (account_id, played_at) index): bounds what pg holds at once. */
const PLAYS_PER_QUERY = 50_000;

const PLAY_COLUMNS = `(extract(epoch from f.played_at) * 1000)::float8, f.listening_ms::float8, f.source, f.track_key, f.track_id, f.track_name,
  f.artist_key, f.artist_id, f.artist_name, f.album_key, f.album_id, f.album_name,
  f.skipped, f.shuffle, f.offline, f.platform, f.reason_start, f.reason_end`;

type PlayTuple = [
  number,
  number,
  string,
  string,
  string | null,
  string | null,
  string,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
  boolean | null,
  boolean | null,
  boolean | null,
  string | null,
  string | null,
  string | null,
];

const toRow = (t: PlayTuple): PlayRow => ({
  at: t[0],
  ms: t[1],
  source: t[2],
  trackKey: t[3],
  trackId: t[4],
  trackName: t[5],
  artistKey: t[6],
  artistId: t[7],
  artistName: t[8],
  albumKey: t[9],
  albumId: t[10],
  albumName: t[11],
  skipped: t[12],
  shuffle: t[13],
  offline: t[14],
  platform: t[15],
  reasonStart: t[16],
  reasonEnd: t[17],
});

type Query = <T extends unknown[]>(text: string, values: unknown[]) => Promise<T[]>;

function queryOf(client: PoolClient): Query {
  return async <T extends unknown[]>(text: string, values: unknown[]) =>
    (await client.query({ text, values, rowMode: 'array' })).rows as T[];
}

/** The account's plays from `from` on (epoch ms, null = all), in instant order, PLAYS_PER_QUERY at a time. */
async function* playsOf(query: Query, accountId: string, from: number | null): AsyncGenerator<PlayRow> {
  let after: string | null = null;
  for (;;) {
    const bound: string =
      after === null ? (from === null ? '' : 'and f.played_at >= $2::timestamptz') : 'and f.played_at > $2::timestamptz';
    const values: unknown[] = [accountId];
    if (bound) values.push(after ?? new Date(from!).toISOString());
    const rows = await query<PlayTuple>(
      `select ${PLAY_COLUMNS} from marts.fct_plays f where f.account_id = $1 ${bound} order by f.played_at limit ${PLAYS_PER_QUERY}`,
      values,
    );
    for (const row of rows) yield toRow(row);
    if (rows.length < PLAYS_PER_QUERY) return;
    after = new Date(rows[rows.length - 1][0]).toISOString();
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Runs `read` in one repeatable-read snapshot, so every play and the version it is labelled with belong to the same state of the marts. */
async function inSnapshot<T>(client: PoolClient, read: (query: Query) => Promise<T>): Promise<T> {
  await client.query('begin isolation level repeatable read read only');
  try {
    return await read(queryOf(client));
  } finally {
    await client.query('rollback');
  }
}

/** The marts version, the newest _built_at of marts.fct_plays (its _built_at index answers) and the account's play count. */
const HEAD_SQL = `select (${MARTS_VERSION_SQL}), (select max(f._built_at)::text from marts.fct_plays f),
  (select count(*) from marts.fct_plays f where f.account_id = $1)::float8`;

/**
 * Reads every play of the account (and its artists' genres) and builds its state; when the account
 * has more than `maxPlays`, reads nothing and says how many it has (state null).
 */
export async function loadState(
  client: PoolClient,
  accountId: string,
  maxPlays: number,
): Promise<{ state: AccountState | null; plays: number }> {
  return inSnapshot(client, async (query) => {
    const [[version, builtAt, count]] = await query<[string | null, string | null, number]>(HEAD_SQL, [accountId]);
    if (count > maxPlays) return { state: null, plays: count };
    // Rows are handed over as they arrive (PLAYS_PER_QUERY at a time), never all held as objects.
    const state = await buildState({
      accountId,
      version,
      builtAt,
      playCount: count,
      rows: playsOf(query, accountId, null),
      genresByArtistId: async (artistIds) => {
        const genres = new Map<string, string[]>();
        for (const [artistId, genre] of await query<[string, string]>(
          'select g.artist_id, g.genre from raw.artist_genres g where g.artist_id = any($1::text[]) order by g.artist_id, g.genre',
          [artistIds],
        )) {
          const list = genres.get(artistId) ?? [];
          list.push(genre);
          genres.set(artistId, list);
        }
        return genres;
      },
    });
    return { state, plays: count };
  });
}

/** What the runs since a state changed of its account. */
export type Refresh =
  { kind: 'unchanged'; version: string | null; builtAt: string | null } | { kind: 'recent'; state: AccountState } | { kind: 'full' };

/**
 * Reads what changed since `state`: nothing (only a new version label), only plays from the cutoff on
 * (read again and applied to the state: milliseconds), or anything older (a play imported into the
 * past, keys changed by enrichment, plays removed): then the caller loads the state in full.
 */
export async function refreshState(client: PoolClient, state: AccountState): Promise<Refresh> {
  const { cutoff, blockedPlays } = state.blocks;
  if (cutoff === null || state.builtAt === null) return { kind: 'full' };
  return inSnapshot(client, async (query) => {
    const [[version, builtAt, firstChanged, blocked]] = await query<[string | null, string | null, number | null, number]>(
      `select (${MARTS_VERSION_SQL}), (select max(f._built_at)::text from marts.fct_plays f),
         (select (extract(epoch from min(f.played_at)) * 1000)::float8 from marts.fct_plays f where f._built_at > $2::timestamptz and f.account_id = $1),
         (select count(*) from marts.fct_plays f where f.account_id = $1 and f.played_at < $3::timestamptz)::float8`,
      [state.accountId, state.builtAt, new Date(cutoff).toISOString()],
    );
    if (blocked !== blockedPlays || (firstChanged !== null && firstChanged < cutoff)) return { kind: 'full' };
    if (firstChanged === null) return { kind: 'unchanged', version, builtAt };
    const recent = await collect(playsOf(query, state.accountId, cutoff));
    return { kind: 'recent', state: withRecentPlays(state, version, builtAt, recent) };
  });
}
