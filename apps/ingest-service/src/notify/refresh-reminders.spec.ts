/**
 * Reconnect reminders on a test-controlled clock: enqueueDue(now) is called hour by hour over the
 * weeks before a refresh token dies (no sleeping), against the real outbox in PostgreSQL.
 */
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { Pool } from 'pg';
import { DeliveryWorker } from './delivery.worker';
import type { NotificationPayload } from './notify.events';
import { renderText } from './notify.formatters';
import { NotifyRepository } from './notify.repository';
import { loginUrlFrom, RefreshTokenReminders } from './refresh-reminders';
import { startWebhookReceiver, WebhookReceiver } from './testing/webhook-receiver';

const HOUR = 3_600_000;
const LOGIN = loginUrlFrom('https://rewind.example.org/api/auth/callback');

let database: TestDatabase;
let pool: Pool;
let receiver: WebhookReceiver;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new Pool({ connectionString: database.url, max: 2 });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await pool?.end();
  await database?.drop();
});

async function account(user: string, consentedAt: string, status = 'active'): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO auth.accounts (spotify_user_id, display_name, consented_at, status) VALUES ($1, $1, $2, $3) RETURNING id`,
    [user, consentedAt, status],
  );
  return rows[0].id;
}

/** Runs the reminders every hour from `from` to `to` (twice per hour: each must still go once); returns when each first appeared. */
async function runClock(reminders: RefreshTokenReminders, from: string, to: string): Promise<Map<string, string>> {
  const firstSeen = new Map<string, string>();
  for (let t = Date.parse(from); t <= Date.parse(to); t += HOUR) {
    await reminders.enqueueDue(new Date(t));
    await reminders.enqueueDue(new Date(t + 60_000));
    const { rows } = await pool.query<{ key: string }>(`SELECT dedupe_key AS key FROM raw.notification_outbox WHERE kind = 'reminder'`);
    for (const { key } of rows) if (!firstSeen.has(key)) firstSeen.set(key, new Date(t).toISOString());
  }
  return firstSeen;
}

it('reminds 14 days and 2 days before the refresh token dies, once each, with the reconnect link', async () => {
  // consent 10 June 2026 08:00 UTC: Spotify refuses the token from 10 December 2026 08:00 UTC
  const expiring = await account('expiring', '2026-06-10T08:00:00Z');
  const fresh = await account('fresh', '2026-11-01T08:00:00Z');
  const broken = await account('broken', '2026-06-10T08:00:00Z', 'reauth_required');
  const reminders = new RefreshTokenReminders(new NotifyRepository(pool), { enabled: true, loginUrl: LOGIN });

  const seen = await runClock(reminders, '2026-11-20T00:00:00Z', '2026-12-12T00:00:00Z');
  expect(Object.fromEntries(seen)).toEqual({
    [`refresh-expiry:${expiring}:2026-06-10T08:00:00.000Z:14`]: '2026-11-26T08:00:00.000Z',
    [`refresh-expiry:${expiring}:2026-06-10T08:00:00.000Z:2`]: '2026-12-08T08:00:00.000Z',
  });
  const { rows } = await pool.query<{ accountId: string; payload: NotificationPayload }>(
    `SELECT account_id AS "accountId", payload FROM raw.notification_outbox WHERE kind = 'reminder' ORDER BY id`,
  );
  expect(rows.map((r) => r.accountId)).toEqual([expiring, expiring]);
  expect(rows.map((r) => r.accountId)).not.toContain(fresh);
  expect(rows.map((r) => r.accountId)).not.toContain(broken);
  expect(rows[0].payload).toMatchObject({
    kind: 'reminder',
    type: 'refresh_token_expiring',
    title: 'Reconnect expiring to Spotify within 14 days',
    where: 'https://rewind.example.org/api/auth/login',
    details: { refreshTokenExpiresAt: '2026-12-10T08:00:00.000Z', daysBefore: 14 },
  });
  expect(renderText(rows[1].payload)).toContain(
    'Sign in with Spotify again before then, or polling stops: https://rewind.example.org/api/auth/login',
  );

  // delivered like any message
  const worker = new DeliveryWorker(new NotifyRepository(pool), {
    webhookUrl: receiver.url,
    format: 'json',
    timeoutMs: 2000,
    maxAttempts: 2,
    retryBaseMs: 60_000,
    maxPerHour: 10,
  });
  await worker.deliverDue();
  expect(receiver.received.map((m) => (m as NotificationPayload).title)).toEqual([
    'Reconnect expiring to Spotify within 14 days',
    'Reconnect expiring to Spotify within 2 days',
  ]);
});

it('a reconnection (new consent) arms new reminders; a notifier that was down sends only the most urgent one', async () => {
  const id = await account('reconnected', '2026-06-20T12:00:00Z');
  const reminders = new RefreshTokenReminders(new NotifyRepository(pool), { enabled: true, loginUrl: LOGIN });
  // first seen one day before expiry (the notifier was down for two weeks): the 2-day reminder only
  expect(await reminders.enqueueDue(new Date('2026-12-19T12:00:00Z'))).toBe(1);
  expect(await reminders.enqueueDue(new Date('2026-12-19T13:00:00Z'))).toBe(0);
  await pool.query(`UPDATE auth.accounts SET consented_at = '2026-12-19T14:00:00Z' WHERE id = $1`, [id]);
  expect(await reminders.enqueueDue(new Date('2027-06-05T14:00:00Z'))).toBe(1);
  const { rows } = await pool.query<{ key: string }>(
    `SELECT dedupe_key AS key FROM raw.notification_outbox WHERE account_id = $1 ORDER BY id`,
    [id],
  );
  expect(rows.map((r) => r.key)).toEqual([
    `refresh-expiry:${id}:2026-06-20T12:00:00.000Z:2`,
    `refresh-expiry:${id}:2026-12-19T14:00:00.000Z:14`,
  ]);
  // off when the event is not selected (NOTIFY_EVENTS) or notifications are off
  const off = new RefreshTokenReminders(new NotifyRepository(pool), { enabled: false, loginUrl: LOGIN });
  await pool.query(`UPDATE auth.accounts SET consented_at = '2026-12-01T00:00:00Z' WHERE id = $1`, [id]);
  expect(await off.enqueueDue(new Date('2027-05-30T00:00:00Z'))).toBe(0);
});
