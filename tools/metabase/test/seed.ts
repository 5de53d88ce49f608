import { Client } from 'pg';

export const ACCOUNT_ID = '00000000-0000-4000-8000-0000000000a1';
/** A second listener of the same household, whose plays the listener filter keeps apart. */
export const HOUSEMATE_ID = '00000000-0000-4000-8000-0000000000a2';

/**
 * A small, fully known listening history (UTC account, imported plays so listening time is
 * exactly ms_played). The expectations in cards.spec.ts are computed by hand from it.
 *
 * | play | played_at (UTC)      | track          | artist (genres)        | album  | ms      |
 * | p0   | 2024-12-31 12:00 Tue | tr4 Four       | Gamma ()               | Third  | 30000   |
 * | p1   | 2025-03-03 08:00 Mon | tr1 One        | Alpha (indie, rock)    | First  | 120000  |
 * | p2   | 2025-03-03 08:05 Mon | tr2 Two        | Alpha                  | First  | 180000  |
 * | p3   | 2025-03-03 08:10 Mon | tr1 One        | Alpha                  | First  | 60000   |
 * | p4   | 2025-03-04 21:00 Tue | tr3 Three      | Beta (pop)             | Second | 240000  |
 * | p5   | 2025-03-04 21:30 Tue | tr3 Three      | Beta                   | Second | 240000  |
 * | p6   | 2025-03-06 10:00 Thu | tr4 Four       | Gamma                  | Third  | 300000  |
 * | p7   | 2025-03-10 08:00 Mon | tr1 One        | Alpha                  | First  | 200000  |
 * | p8   | 2025-03-10 09:00 Mon | tr3 Three      | Beta                   | Second | 60000   |
 * | p9   | 2025-04-04 12:00 Fri | tr5 Five       | Delta ()               | Fourth | 100000  |
 * | p10  | 2025-04-05 23:30 Sat | tr2 Two        | Alpha                  | First  | 90000   |
 *
 * The housemate (UTC) played tr5 Five (Delta) on 2025-03-03 20:00 for 120000 ms and tr2 Two
 * (Alpha, new to them) on 2025-03-11 07:00 for 60000 ms.
 */
export async function seedListening(client: Client): Promise<void> {
  await client.query(
    `INSERT INTO auth.accounts (id, spotify_user_id, display_name, time_zone) VALUES ($1, 'listener', 'Listener', 'UTC')`,
    [ACCOUNT_ID],
  );
  await client.query(`INSERT INTO raw.artists (id, name) VALUES ('ar1', 'Alpha'), ('ar2', 'Beta'), ('ar3', 'Gamma'), ('ar4', 'Delta')`);
  await client.query(`INSERT INTO raw.artist_genres (artist_id, genre) VALUES ('ar1', 'indie'), ('ar1', 'rock'), ('ar2', 'pop')`);
  await client.query(`INSERT INTO raw.albums (id, name) VALUES ('al1', 'First'), ('al2', 'Second'), ('al3', 'Third'), ('al4', 'Fourth')`);
  await client.query(
    `INSERT INTO raw.album_artists (album_id, position, artist_id) VALUES ('al1', 0, 'ar1'), ('al2', 0, 'ar2'), ('al3', 0, 'ar3'), ('al4', 0, 'ar4')`,
  );
  await client.query(`INSERT INTO raw.tracks (id, name, album_id, duration_ms) VALUES
    ('tr1', 'One', 'al1', 200000), ('tr2', 'Two', 'al1', 180000), ('tr3', 'Three', 'al2', 240000),
    ('tr4', 'Four', 'al3', 300000), ('tr5', 'Five', 'al4', 100000)`);
  await client.query(`INSERT INTO raw.track_artists (track_id, position, artist_id) VALUES
    ('tr1', 0, 'ar1'), ('tr2', 0, 'ar1'), ('tr3', 0, 'ar2'), ('tr4', 0, 'ar3'), ('tr5', 0, 'ar4')`);
  const plays: [string, string, number][] = [
    ['2024-12-31T12:00:00Z', 'tr4', 30000],
    ['2025-03-03T08:00:00Z', 'tr1', 120000],
    ['2025-03-03T08:05:00Z', 'tr2', 180000],
    ['2025-03-03T08:10:00Z', 'tr1', 60000],
    ['2025-03-04T21:00:00Z', 'tr3', 240000],
    ['2025-03-04T21:30:00Z', 'tr3', 240000],
    ['2025-03-06T10:00:00Z', 'tr4', 300000],
    ['2025-03-10T08:00:00Z', 'tr1', 200000],
    ['2025-03-10T09:00:00Z', 'tr3', 60000],
    ['2025-04-04T12:00:00Z', 'tr5', 100000],
    ['2025-04-05T23:30:00Z', 'tr2', 90000],
  ];
  await client.query(
    `INSERT INTO auth.accounts (id, spotify_user_id, display_name, time_zone) VALUES ($1, 'housemate', 'Housemate', 'UTC')`,
    [HOUSEMATE_ID],
  );
  const housemate: [string, string, number][] = [
    ['2025-03-03T20:00:00Z', 'tr5', 120000],
    ['2025-03-11T07:00:00Z', 'tr2', 60000],
  ];
  for (const [account, list] of [
    [ACCOUNT_ID, plays],
    [HOUSEMATE_ID, housemate],
  ] as const) {
    for (const [playedAt, trackId, ms] of list) {
      await client.query(
        `INSERT INTO raw.plays (account_id, played_at, track_id, ms_played, source) VALUES ($1, $2, $3, $4, 'extended_history')`,
        [account, playedAt, trackId, ms],
      );
    }
  }
}
