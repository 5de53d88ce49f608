import { Pool } from 'pg';

/** The bench account's zone: its marts and its own-zone answers are in it. */
export const ACCOUNT_ZONE = 'Europe/Berlin';

/** Milliseconds between two listening sessions of the seed (24 plays each). */
const SESSION_EVERY_MS = 3_960_000;

/**
 * One account (zone ACCOUNT_ZONE) with `plays` plays over a catalog of 4,000 artists, 8,000 albums and
 * 40,000 tracks: listening sessions of 24 plays ~1.5 min apart, one every 66 min shifted by up to 10 min,
 * so at least 15 min of silence between two. 1M plays span five years from 2021; a larger history starts
 * earlier so that it still ends in the past. Every tenth play is an imported one known only by names.
 */
export async function seedStatsAccount(pool: Pool, plays: number): Promise<string> {
  await pool.query(
    `insert into raw.artists (id, name, image_url) select 'ar' || i, 'Artist ' || i, 'https://img.example/ar' || i from generate_series(1, 4000) i`,
  );
  await pool.query(
    `insert into raw.artist_genres (artist_id, genre) select 'ar' || i, g from generate_series(1, 4000) i, unnest(array['pop','rock','jazz','techno','folk','indie','ambient']) with ordinality u(g, n) where (i + n) % 3 = 0`,
  );
  await pool.query(
    `insert into raw.albums (id, name, image_url) select 'al' || i, 'Album ' || i, 'https://img.example/al' || i from generate_series(1, 8000) i`,
  );
  await pool.query(
    `insert into raw.album_artists (album_id, position, artist_id) select 'al' || i, 0, 'ar' || (1 + i % 4000) from generate_series(1, 8000) i`,
  );
  await pool.query(
    `insert into raw.tracks (id, name, album_id, duration_ms) select 'tr' || i, 'Track ' || i, 'al' || (1 + i % 8000), 120000 + (i * 7919) % 240000 from generate_series(1, 40000) i`,
  );
  await pool.query(
    `insert into raw.track_artists (track_id, position, artist_id) select 'tr' || i, p, 'ar' || (1 + (i * 31 + p * 17) % 4000) from generate_series(1, 40000) i, generate_series(0, 1) p where p = 0 or i % 4 = 0`,
  );
  const { rows } = await pool.query<{ id: string }>(
    `insert into auth.accounts (spotify_user_id, time_zone) values ('bench', $1) returning id`,
    [ACCOUNT_ZONE],
  );
  const account = rows[0].id;
  const spanMs = Math.ceil(plays / 24) * SESSION_EVERY_MS;
  const start = new Date(Math.min(Date.parse('2021-01-01T00:00:00Z'), Date.parse('2026-06-01T00:00:00Z') - spanMs));
  await pool.query(
    `insert into raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source)
     select $1, $3::timestamptz
         + ((i / 24) * ${SESSION_EVERY_MS} + ((i / 24 * 7919) % 600) * 1000 + (i % 24) * 90000 + ((i * 7919) % 13) * 1000) * interval '1 millisecond',
       case when i % 10 = 0 then null else 'tr' || (1 + ((i::bigint * 2654435761) % 40000)) end,
       case when i % 10 = 0 then 'Old Song ' || (i % 500) end, case when i % 10 = 0 then 'Old Artist ' || (i % 60) end,
       case when i % 10 = 0 then 'Old Album ' || (i % 90) end, case when i % 10 = 0 then 30000 + (i * 7919) % 200000 end,
       case when i % 10 = 0 then 'account_data' else 'poll' end
     from generate_series(0::bigint, $2::bigint - 1) i`,
    [account, plays, start.toISOString()],
  );
  await pool.query('analyze');
  return account;
}

/**
 * What one poll of ingest-service leaves in raw (apps/ingest-service/src/polling/polling.repository.ts):
 * a succeeded raw.ingest_runs row and `count` plays after the newest one, with the columns a poll fills
 * (track id, the track's, first artist's and album's names, context, source 'poll', the run's id).
 * Returns how many plays were inserted.
 */
export async function insertPoll(pool: Pool, accountId: string, count: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const run = await client.query<{ id: string }>(`insert into raw.ingest_runs (account_id, trigger) values ($1, 'manual') returning id`, [
      accountId,
    ]);
    const runId = run.rows[0].id;
    const inserted = await client.query(
      `insert into raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, source, context_uri, ingest_run_id)
       select $1, newest.at + (i + 1) * interval '200 seconds', t.id, t.name, ar.name, al.name, 'poll', 'spotify:playlist:bench', $2
       from generate_series(0, $3::int - 1) i
       cross join (select max(played_at) as at from raw.plays where account_id = $1) newest
       join raw.tracks t on t.id = 'tr' || (1 + (i * 7919) % 40000)
       join raw.albums al on al.id = t.album_id
       join raw.track_artists ta on ta.track_id = t.id and ta.position = 0
       join raw.artists ar on ar.id = ta.artist_id
       on conflict (account_id, played_at) do nothing`,
      [accountId, runId, count],
    );
    const n = inserted.rowCount ?? 0;
    await client.query(
      `update raw.ingest_runs set status = 'succeeded', finished_at = clock_timestamp(), fetched = $2, inserted = $3 where id = $1`,
      [runId, count, n],
    );
    await client.query('commit');
    return n;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
