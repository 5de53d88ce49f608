import { Pool } from 'pg';

/**
 * GET /api/stats/behaviour computed straight from SQL over marts.fct_plays, independent of the
 * engine: the range's bounds are read in the zone by PostgreSQL, every number is a count(*) with
 * a filter, every share a decimal division rounded to 4 places.
 */
export interface BehaviourAsk {
  accountId: string;
  /** Local date or date-time without offset, read in tz (null: unbounded). */
  from: string | null;
  to: string | null;
  tz: string;
  entity: { kind: 'artist' | 'track' | 'album'; key: string } | null;
}

interface Share {
  plays: number;
  knownPlays: number;
  share: number | null;
}

const KEY_COLUMN = { artist: 'artist_key', track: 'track_key', album: 'album_key' } as const;
const NAME_COLUMN = { artist: 'artist_name', track: 'track_name', album: 'album_name' } as const;

const plays = (ask: BehaviourAsk) => `
  select f.* from marts.fct_plays f
  where f.account_id = $1
    and ($2::text is null or f.played_at >= $2::timestamp at time zone $4)
    and ($3::text is null or f.played_at < $3::timestamp at time zone $4)
    ${ask.entity ? `and f.${KEY_COLUMN[ask.entity.kind]} = $5` : ''}`;

const share = (n: string, k: string) => `case when ${k} > 0 then (round(${n} * 10000.0 / ${k}) / 10000)::float8 end`;

export async function behaviourFromSql(pool: Pool, ask: BehaviourAsk) {
  const values: unknown[] = [ask.accountId, ask.from, ask.to, ask.tz];
  if (ask.entity) values.push(ask.entity.key);
  const q = async <T>(sql: string, params = values) => (await pool.query(sql, params)).rows as T[];
  const flag = (column: string) =>
    `json_build_object('plays', count(*) filter (where ${column})::int, 'knownPlays', count(${column})::int,
       'share', ${share(`count(*) filter (where ${column})`, `count(${column})`)})`;
  const [totals] = await q<{ body: { plays: number; knownPlays: number; skipped: Share; shuffle: Share; offline: Share } }>(
    `select json_build_object('plays', count(*)::int,
       'knownPlays', count(*) filter (where num_nonnulls(skipped, shuffle, offline, platform, reason_start, reason_end) > 0)::int,
       'skipped', ${flag('skipped')}, 'shuffle', ${flag('shuffle')}, 'offline', ${flag('offline')}) as body
     from (${plays(ask)}) p`,
  );
  const breakdown = async (column: string) => {
    const rows = await q<{ name: string; plays: number; known: number; share: number }>(
      `select ${column} as name, count(*)::int as plays, sum(count(*)) over ()::int as known,
         ${share('count(*)', 'sum(count(*)) over ()')} as share
       from (${plays(ask)}) p where ${column} is not null
       group by 1 order by 2 desc, ${column} collate "C"`,
    );
    return { knownPlays: rows[0]?.known ?? 0, items: rows.map(({ name, plays, share }) => ({ name, plays, share })) };
  };
  let entity = null;
  if (ask.entity) {
    const { kind, key } = ask.entity;
    const [first] = await q<{ name: string | null }>(
      `select f.${NAME_COLUMN[kind]} as name from marts.fct_plays f where f.account_id = $1 and f.${KEY_COLUMN[kind]} = $2
       order by f.played_at limit 1`,
      [ask.accountId, key],
    );
    entity = { kind, key, name: first.name ?? key };
  }
  return {
    entity,
    ...totals.body,
    platforms: await breakdown('platform'),
    reasonStart: await breakdown('reason_start'),
    reasonEnd: await breakdown('reason_end'),
  };
}
