/**
 * Weekly summaries follow each account's own zone: the schedule fires at 09:00 local time on
 * Monday of each account, and the reported week is the seven local days before that Monday,
 * asked of the stats API in that zone. The stats API here is a recorder answering empty
 * numbers (weekly-summary.spec.ts checks the numbers against the real stats-api).
 */
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { NotifyRepository } from './notify.repository';
import { WeeklySummaries } from './weekly-summary';

let database: TestDatabase;
let pool: Pool;
let stats: Server;
let statsUrl: string;
const asked: URL[] = [];

const EMPTY: Record<string, unknown> = {
  summary: { plays: 0, minutes: 0, distinctTracks: 0, distinctArtists: 0, distinctAlbums: 0, firstPlayedAt: null, lastPlayedAt: null },
  streaks: { current: 0, longest: { days: 0, from: null, to: null } },
};

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new Pool({ connectionString: database.url, max: 2 });
  stats = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stats.invalid');
    asked.push(url);
    const body = JSON.stringify(EMPTY[url.pathname.split('/').pop()!] ?? []);
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
  statsUrl = `http://127.0.0.1:${(stats.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => stats?.close(resolve));
  await pool?.end();
  await database?.drop();
});

async function account(user: string, timeZone: string | null): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO auth.accounts (spotify_user_id, display_name, time_zone) VALUES ($1, $1, $2) RETURNING id`,
    [user, timeZone],
  );
  return rows[0].id;
}

async function outbox(): Promise<Array<{ accountId: string; dedupeKey: string; message: string }>> {
  const { rows } = await pool.query(
    `SELECT account_id AS "accountId", dedupe_key AS "dedupeKey", payload->>'message' AS message FROM raw.notification_outbox WHERE kind = 'weekly_summary' ORDER BY id`,
  );
  return rows;
}

/** The zone and range of the summary route the composer asked for an account. */
function summaryAsked(accountId: string): { tz: string | null; from: string | null; to: string | null } {
  const url = asked.filter((u) => u.pathname.endsWith('/summary') && u.searchParams.get('accountId') === accountId)[0];
  return { tz: url.searchParams.get('tz'), from: url.searchParams.get('from'), to: url.searchParams.get('to') };
}

it("sends each account's summary at 09:00 on its own Monday, for the seven days before it in its zone, once", async () => {
  const auckland = await account('weekly-auckland', 'Pacific/Auckland'); // UTC+13 in December
  const angeles = await account('weekly-la', 'America/Los_Angeles'); // UTC−8
  const utc = await account('weekly-nozone', null);
  const weekly = new WeeklySummaries(new NotifyRepository(pool), { cron: '0 9 * * 1', statsUrl, timeoutMs: 2000, enabled: true });

  // Monday 7 December 2026, 09:30 in Auckland = Sunday 6 December, 20:30 UTC: only Auckland's Monday has come.
  expect(await weekly.enqueueDue(new Date('2026-12-06T20:30:00Z'))).toBe(1);
  expect(summaryAsked(auckland)).toEqual({ tz: 'Pacific/Auckland', from: '2026-11-30', to: '2026-12-07' });
  expect((await outbox()).map((o) => o.accountId)).toEqual([auckland]);
  expect((await outbox())[0].message).toMatch(/from 2026-11-30 to 2026-12-07 \(Pacific\/Auckland\)$/);

  // Monday 09:30 in UTC: the account without a zone follows UTC; Los Angeles is still on Monday 01:30.
  expect(await weekly.enqueueDue(new Date('2026-12-07T09:30:00Z'))).toBe(1);
  expect(summaryAsked(utc)).toEqual({ tz: 'UTC', from: '2026-11-30', to: '2026-12-07' });

  // Monday 09:30 in Los Angeles = 17:30 UTC; Auckland is on Tuesday by then and is not sent again.
  expect(await weekly.enqueueDue(new Date('2026-12-07T17:30:00Z'))).toBe(1);
  expect(summaryAsked(angeles)).toEqual({ tz: 'America/Los_Angeles', from: '2026-11-30', to: '2026-12-07' });
  expect(await weekly.enqueueDue(new Date('2026-12-07T18:00:00Z'))).toBe(0);
  expect((await outbox()).map((o) => o.accountId)).toEqual([auckland, utc, angeles]);

  // A zone change moves the next week's schedule with it.
  await pool.query(`UPDATE auth.accounts SET time_zone = 'Asia/Kolkata' WHERE id = $1`, [angeles]);
  asked.length = 0;
  // Monday 14 December 09:30 in Kolkata (UTC+05:30) = 04:00 UTC: Los Angeles would still be on Sunday.
  expect(await weekly.enqueueDue(new Date('2026-12-14T04:00:00Z'))).toBe(2); // Kolkata, and Auckland (Monday 17:00 there)
  expect(summaryAsked(angeles)).toEqual({ tz: 'Asia/Kolkata', from: '2026-12-07', to: '2026-12-14' });
});
