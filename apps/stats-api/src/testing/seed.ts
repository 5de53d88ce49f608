import { Pool } from 'pg';
import { EXPORT_PLATFORMS, rng } from '@rewind/testing';

export interface SeedAccount {
  id: string;
  timeZone: string | null;
}

const GENRES = ['pop', 'rock', 'jazz', 'techno', 'folk', 'indie', 'ambient'];
const REASONS_START = ['trackdone', 'clickrow', 'fwdbtn', 'backbtn', 'appload', 'playbtn', 'remote'];
const REASONS_END = ['trackdone', 'fwdbtn', 'endplay', 'logout', 'backbtn', 'unexpected-exit'];
/** Polled plays and account-data imports record no listening behaviour. */
const NO_BEHAVIOUR = [null, null, null, null, null, null];

/**
 * The listening behaviour of the n-th extended-history row (skipped, shuffle, offline, platform,
 * reason_start, reason_end), from n alone so the random stream stays as it was: each field
 * sometimes null, and one row in eleven with none at all (an old export).
 */
function behaviourOf(n: number): unknown[] {
  if (n % 11 === 10) return NO_BEHAVIOUR;
  const yesNo = (k: number, nullEvery: number) => (n % nullEvery === 0 ? null : (n * k) % 5 < 2);
  const reason = (list: string[], k: number) => (n % 13 === 6 ? null : list[(n * k) % list.length]);
  return [
    yesNo(3, 7),
    yesNo(7, 9),
    n % 8 === 0 ? null : n % 6 === 1,
    EXPORT_PLATFORMS[(n * 5) % EXPORT_PLATFORMS.length],
    reason(REASONS_START, 3),
    reason(REASONS_END, 5),
  ];
}

/**
 * Random catalog (tracks with durations, several credited artists, genres, albums with artists)
 * and random plays for each account (extended-history imports with listening behaviour, see behaviourOf): polled plays (half stored as polling stores them, with
 * ms_played and a start taken from the end instant; half as stored before polls kept ms_played,
 * null), extended-history imports (ms_played) and name-only account-data imports, clustered around the 2024 DST changes (EU and US, March and
 * October/November; Chile and Chatham, April and September) and, for the last account, up to a few hours ago (current streak).
 */
export async function seedRandomHistory(
  pool: Pool,
  seed: number,
  zones: Array<string | null>,
  playsPerAccount: number,
): Promise<SeedAccount[]> {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const artists = 14;
  const albums = 10;
  const tracks = 40;
  for (let i = 1; i <= artists; i++) {
    // Artist 3 and "Zed" exist twice: by id and as a name-only import (same name, different key).
    // Accented names for search (case- and accent-insensitive).
    const name = i === 3 ? 'Zed' : i === 5 ? 'Sigur Rós' : i === 9 ? 'BJÖRK' : `Artist ${String.fromCharCode(64 + i)}`;
    await pool.query(`insert into raw.artists (id, name, image_url) values ($1, $2, $3)`, [
      `ar${i}`,
      name,
      i % 4 === 0 ? null : `https://img.example/ar${i}`,
    ]);
    for (const g of GENRES)
      if (r() < 0.3) await pool.query(`insert into raw.artist_genres (artist_id, genre) values ($1, $2)`, [`ar${i}`, g]);
  }
  for (let i = 1; i <= albums; i++) {
    await pool.query(`insert into raw.albums (id, name, image_url) values ($1, $2, $3)`, [
      `al${i}`,
      i === 4 ? 'Ágætis byrjun' : `Album ${i % 7}`,
      i % 3 === 0 ? null : `https://img.example/al${i}`,
    ]);
    const credits = 1 + Math.floor(r() * 2);
    for (let p = 0; p < credits; p++)
      await pool.query(`insert into raw.album_artists (album_id, position, artist_id) values ($1, $2, $3)`, [
        `al${i}`,
        p,
        `ar${1 + ((i + p * 5) % artists)}`,
      ]);
  }
  const durations = new Map<string, number | null>();
  for (let i = 1; i <= tracks; i++) {
    const duration = i % 13 === 0 ? null : 90_000 + Math.floor(r() * 240_000);
    durations.set(`tr${i}`, duration);
    const album = i % 11 === 0 ? null : `al${1 + Math.floor(r() * albums)}`;
    // Same names on purpose (ties broken by name then id).
    await pool.query(`insert into raw.tracks (id, name, album_id, duration_ms) values ($1, $2, $3, $4)`, [
      `tr${i}`,
      i === 2 ? 'Hoppípolla' : `Song ${i % 17}`,
      album,
      duration,
    ]);
    const credits = 1 + Math.floor(r() * 3);
    const used = new Set<number>();
    for (let p = 0; p < credits; p++) {
      let a = 1 + Math.floor(r() * artists);
      while (used.has(a)) a = 1 + (a % artists);
      used.add(a);
      await pool.query(`insert into raw.track_artists (track_id, position, artist_id) values ($1, $2, $3)`, [`tr${i}`, p, `ar${a}`]);
    }
  }

  const accounts: SeedAccount[] = [];
  const anchors = [
    '2024-03-10T07:00:00Z',
    '2024-03-31T01:00:00Z',
    '2024-10-27T01:00:00Z',
    '2024-11-03T06:00:00Z',
    '2024-12-31T20:00:00Z',
    // Santiago and Chatham fall back (2024-04-07), Santiago springs forward at midnight (2024-09-08).
    '2024-04-07T03:00:00Z',
    '2024-09-08T04:00:00Z',
  ].map((s) => Date.parse(s));
  const nameOnly = [
    { track: 'Old Song', artist: 'Zed', album: 'Old Album' },
    { track: 'Other Song', artist: 'Imported Artist', album: 'Old Album' },
    { track: 'Song 1', artist: 'Artist A', album: null },
    { track: 'Lonely', artist: null, album: null },
    // Name keys with a slash and accents (URL-encoded in the entity routes).
    { track: 'Back in Black', artist: 'AC/DC', album: 'Back in Black' },
    { track: 'Svefn-g-englar', artist: 'Sigur Rós', album: 'Ágætis byrjun' },
  ];
  for (let a = 0; a < zones.length; a++) {
    const { rows } = await pool.query<{ id: string }>(
      `insert into auth.accounts (spotify_user_id, time_zone) values ($1, $2) returning id`,
      [`user-${seed}-${a}`, zones[a]],
    );
    const id = rows[0].id;
    accounts.push({ id, timeZone: zones[a] });
    const values: unknown[][] = [];
    /** Polled plays that keep ms_played: the row and the end instant Spotify named it by. */
    const polled: Array<{ row: unknown[]; end: number }> = [];
    const seen = new Set<number>();
    let t = anchors[0] - 3 * 86_400_000;
    const recentStart = Date.now() - 4 * 86_400_000;
    for (let i = 0; i < playsPerAccount; i++) {
      const x = r();
      if (x < 0.6)
        t += 60_000 + Math.floor(r() * 300_000); // inside a session
      else if (x < 0.85)
        t += 600_000 + Math.floor(r() * 3_000_000); // a break
      else if (x < 0.97)
        t += 3_600_000 + Math.floor(r() * 30 * 3_600_000); // hours to a day
      else t = pick(anchors) - Math.floor(r() * 2 * 86_400_000); // jump near a DST change
      if (a === zones.length - 1 && i > playsPerAccount * 0.9 && t < recentStart) t = recentStart + Math.floor(r() * 3_600_000);
      if (t > Date.now() - 3_600_000) t = anchors[1] + Math.floor(r() * 86_400_000 * 20);
      t += Math.floor(r() * 1000); // millisecond precision
      if (seen.has(t)) continue;
      seen.add(t);
      const kind = r();
      if (kind < 0.3) {
        // t is the end Spotify reports; start and ms_played are set below, once every end is known.
        const row = [id, null, `tr${1 + Math.floor(r() * tracks)}`, null, null, null, null, 'poll', ...NO_BEHAVIOUR];
        values.push(row);
        polled.push({ row, end: t });
      } else if (kind < 0.6)
        values.push([id, new Date(t).toISOString(), `tr${1 + Math.floor(r() * tracks)}`, null, null, null, null, 'poll', ...NO_BEHAVIOUR]);
      else if (kind < 0.85)
        values.push([
          id,
          new Date(t).toISOString(),
          `tr${1 + Math.floor(r() * tracks)}`,
          null,
          null,
          null,
          30_000 + Math.floor(r() * 300_000),
          'extended_history',
          ...behaviourOf(values.length),
        ]);
      else {
        const n = pick(nameOnly);
        values.push([
          id,
          new Date(t).toISOString(),
          null,
          n.track,
          n.artist,
          n.album,
          30_000 + Math.floor(r() * 200_000),
          'account_data',
          ...NO_BEHAVIOUR,
        ]);
      }
    }
    if (a === zones.length - 1) {
      // A streak up to now: a play every 5 hours over the last 3 days, polled with and without ms_played.
      let n = 0;
      for (let t2 = Date.now() - 3 * 86_400_000; t2 < Date.now() - 3_600_000; t2 += 5 * 3_600_000) {
        const row = [id, new Date(t2).toISOString(), `tr${1 + Math.floor(r() * tracks)}`, null, null, null, null, 'poll', ...NO_BEHAVIOUR];
        values.push(row);
        if (n++ % 2 === 0) polled.push({ row, end: t2 });
      }
    }
    // As polling stores a play (docs/metrics.md, "Polled plays"): listening time min(track duration,
    // time since the account's previous play ended), start = end − listening time. Ends are known
    // for imports (start + ms_played) and for these polls; polled plays without ms_played have
    // none. Polling always knows the track's duration: a track the catalog has none for is stored
    // like a play polled before ms_played was kept (played_at = the end, no ms_played).
    const known = (row: unknown[]) => durations.get(row[2] as string) != null;
    for (const { row, end } of polled) if (!known(row)) row[1] = new Date(end).toISOString();
    const timed = polled.filter(({ row }) => known(row));
    const ends = [
      ...values.filter((row) => row[6] !== null).map((row) => Date.parse(row[1] as string) + (row[6] as number)),
      ...timed.map((p) => p.end),
    ];
    for (const { row, end } of timed) {
      const before = ends.filter((e) => e < end);
      const duration = durations.get(row[2] as string)!;
      const ms = before.length ? Math.min(duration, end - Math.max(...before)) : duration;
      row[1] = new Date(end - ms).toISOString();
      row[6] = ms;
    }
    for (let i = 0; i < values.length; i += 200) {
      const chunk = values.slice(i, i + 200);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`);
      await pool.query(
        `insert into raw.plays (account_id, played_at, track_id, track_name, artist_name, album_name, ms_played, source,
           skipped, shuffle, offline, platform, reason_start, reason_end) values ${tuples.join(', ')} on conflict do nothing`,
        params,
      );
    }
  }
  return accounts;
}
