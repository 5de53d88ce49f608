import { Pool } from 'pg';

/** Synthetic catalog and plays, for tests and the benchmark (deterministic for given arguments). */
export async function seedCatalog(pool: Pool, size: { artists: number; albums: number; tracks: number }): Promise<void> {
  await pool.query(
    `INSERT INTO raw.artists (id, name, image_url, enriched_at) SELECT 'ar' || i, 'Artist ' || i, 'https://img.example/ar' || i, now() FROM generate_series(1, $1::int) i ON CONFLICT DO NOTHING`,
    [size.artists],
  );
  await pool.query(
    `INSERT INTO raw.artist_genres (artist_id, genre)
     SELECT 'ar' || i, g FROM generate_series(1, $1::int) i, unnest(array['pop', 'rock', 'jazz', 'techno', 'folk']) WITH ORDINALITY u(g, n)
     WHERE (i + n) % 3 = 0 ON CONFLICT DO NOTHING`,
    [size.artists],
  );
  await pool.query(
    `INSERT INTO raw.albums (id, name, image_url) SELECT 'al' || i, 'Album ' || i, 'https://img.example/al' || i FROM generate_series(1, $1::int) i ON CONFLICT DO NOTHING`,
    [size.albums],
  );
  await pool.query(
    `INSERT INTO raw.album_artists (album_id, position, artist_id) SELECT 'al' || i, 0, 'ar' || (1 + i % $2::int) FROM generate_series(1, $1::int) i ON CONFLICT DO NOTHING`,
    [size.albums, size.artists],
  );
  await pool.query(
    `INSERT INTO raw.tracks (id, name, album_id, duration_ms, enriched_at)
     SELECT 'tr' || i, 'Track ' || i, 'al' || (1 + i % $2::int), 120000 + (i * 7919) % 240000, now() FROM generate_series(1, $1::int) i ON CONFLICT DO NOTHING`,
    [size.tracks, size.albums],
  );
  await pool.query(
    `INSERT INTO raw.track_artists (track_id, position, artist_id)
     SELECT 'tr' || i, p, 'ar' || (1 + (i * 31 + p * 17) % $2::int) FROM generate_series(1, $1::int) i, generate_series(0, 1) p
     WHERE p = 0 OR i % 4 = 0 ON CONFLICT DO NOTHING`,
    [size.tracks, size.artists],
  );
}

export async function createAccount(pool: Pool, spotifyUserId: string, timeZone: string | null): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO auth.accounts (spotify_user_id, time_zone) VALUES ($1, $2) RETURNING id`, [
    spotifyUserId,
    timeZone,
  ]);
  return rows[0].id;
}

/**
 * `count` polled plays from `from`, one every ~`gapMs` (with a deterministic jitter, so some gaps
 * are longer than the track and sessions break), tracks chosen pseudo-randomly with `seed`.
 */
export async function insertPolledPlays(
  pool: Pool,
  accountId: string,
  count: number,
  options: { from: Date; gapMs: number; tracks: number; seed: number },
): Promise<number> {
  const res = await pool.query(
    `INSERT INTO raw.plays (account_id, played_at, track_id, source)
     SELECT $1, $2::timestamptz + (i::bigint * $3::bigint + ((i * 7 + $5::int) % 11) * ($3::bigint / 3)) * interval '1 millisecond',
       'tr' || (1 + ((i::bigint * 2654435761 + $5::bigint) % $4::int)), 'poll'
     FROM generate_series(0, $6::int - 1) i
     ON CONFLICT DO NOTHING`,
    [accountId, options.from.toISOString(), options.gapMs, options.tracks, options.seed, count],
  );
  return res.rowCount ?? 0;
}

/** `platform` values of real extended-history exports, old and new, and none. */
export const EXPORT_PLATFORMS: (string | null)[] = [
  'android',
  'ios',
  'osx',
  'windows',
  'Android OS 14 API 34 (Google, Pixel 8)',
  'iOS 17.1.1 (iPhone15,2)',
  'OS X 14.1.0 [arm 2]',
  'Windows 10 (10.0.19045; x64)',
  'Linux [x86-64 0]',
  'web_player windows 10;chrome 120.0.0.0;desktop',
  'Partner google cast_tv Google;Chromecast',
  'Partner sonos_arm Sonos;One',
  'not_applicable',
  null,
];

/**
 * Imported plays (extended history) with ms_played and the listening behaviour of their row
 * (skipped, shuffle, offline, reasons, platform from EXPORT_PLATFORMS, country); a few known only
 * by names.
 */
export async function insertImportedPlays(
  pool: Pool,
  accountId: string,
  count: number,
  options: { from: Date; gapMs: number; tracks: number; seed: number },
): Promise<number> {
  const res = await pool.query(
    `INSERT INTO raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source,
                            skipped, shuffle, offline, reason_start, reason_end, platform, conn_country)
     SELECT $1, $2::timestamptz + (i::bigint * $3::bigint + ((i * 13 + $5::int) % 7) * 1000) * interval '1 millisecond',
       CASE WHEN i % 5 = 0 THEN NULL ELSE 'tr' || (1 + ((i::bigint * 40503 + $5::bigint) % $4::int)) END,
       'Old Song ' || (i % 9), 'Old Artist ' || (i % 4), 'Old Album ' || (i % 3),
       30000 + ((i * 7919 + $5::int) % 200000), 'extended_history',
       CASE (i + $5::int) % 4 WHEN 0 THEN true WHEN 3 THEN NULL ELSE false END, (i * 3 + $5::int) % 2 = 0, (i + $5::int) % 9 = 0,
       (array['trackdone', 'clickrow', 'fwdbtn', 'appload', 'playbtn'])[1 + (i + $5::int) % 5],
       (array['trackdone', 'fwdbtn', 'endplay', 'logout'])[1 + (i * 7 + $5::int) % 4],
       ($7::text[])[1 + (i * 5 + $5::int) % cardinality($7::text[])], 'SE'
     FROM generate_series(0, $6::int - 1) i
     ON CONFLICT DO NOTHING`,
    [accountId, options.from.toISOString(), options.gapMs, options.tracks, options.seed, count, EXPORT_PLATFORMS],
  );
  return res.rowCount ?? 0;
}

/**
 * A realistic listening history of polled plays ending on the day before `until` (UTC): on most
 * days (about one in seven is skipped) 1–4 sessions starting in the morning, midday, afternoon and
 * evening (UTC, with up to an hour of jitter), each 8–40 tracks played one after another (~4
 * minutes apart, so the session holds together), with hours of silence between sessions. Tracks
 * are skewed: a few favourites are played far more often than the long tail. `count` plays in all
 * (about 50 a day); returns how many were inserted.
 */
export async function insertListeningHistory(
  pool: Pool,
  accountId: string,
  count: number,
  options: { until: Date; tracks: number; seed: number },
): Promise<number> {
  const res = await pool.query(
    `WITH days AS (
       SELECT d FROM generate_series(0, 100000) d WHERE (hashint8(d * 1000 + $3::bigint)::bigint & 2147483647) % 7 <> 3
     ),
     sessions AS (
       SELECT d.d, s, ((7 + 4 * s) * 60 + ((hashint8(d.d * 1000 + s * 100 + $3::bigint)::bigint & 2147483647) % 60)) * 60 AS start_s,
         8 + ((hashint8(d.d * 1000 + s * 10 + $3::bigint + 7)::bigint & 2147483647) % 33)::int AS tracks_in_session
       FROM days d, generate_series(0, 3) s
       WHERE s <= (hashint8(d.d * 1000 + $3::bigint + 500)::bigint & 2147483647) % 4
     ),
     plays AS (
       SELECT s.d, s.start_s + i * 240 + ((s.d::bigint * 7919 + s.s * 13 + i * 97 + $3::bigint) % 30) - 15 AS offset_s,
         row_number() OVER (ORDER BY s.d, s.s, i) AS n
       FROM sessions s, generate_series(0, s.tracks_in_session - 1) i
       WHERE s.d <= $5::bigint / 20
     ),
     wanted AS (
       SELECT p.*, max(p.d) OVER () AS last_d FROM plays p WHERE p.n <= $5::bigint
     )
     INSERT INTO raw.plays (account_id, played_at, track_id, source)
     SELECT $1, date_trunc('day', $2::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - (w.last_d + 1 - w.d) * interval '1 day' + w.offset_s * interval '1 second',
       'tr' || (1 + floor($4::int * power(((w.n * 2654435761 + $3::bigint * 97) % 1000003) / 1000003.0, 3)))::int, 'poll'
     FROM wanted w
     ON CONFLICT DO NOTHING`,
    [accountId, options.until.toISOString(), options.seed, options.tracks, count],
  );
  return res.rowCount ?? 0;
}
