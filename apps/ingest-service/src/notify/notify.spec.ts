/**
 * Notifications end to end: a real local HTTP receiver as the webhook, the Spotify emulator,
 * a real PostgreSQL. Each event type, one message per incident, recoveries, retries after 500
 * and hangs, undeliverable messages kept, the rate limit, and polls that finish while the
 * webhook hangs.
 */
import { INestApplication } from '@nestjs/common';
import type { RunningEmulator } from '@rewind/spotify-emulator';
import { createTestDatabase, TestDatabase } from '@rewind/testing';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { importFiles } from '../imports/testing/import-test-kit';
import { PollingService } from '../polling/polling.service';
import { createHarness, HALF_HOUR, PollingHarness, startEmulatorForPolling } from '../polling/testing/polling-test-kit';
import { DeliveryWorker } from './delivery.worker';
import { IncidentRecorder } from './incident-recorder';
import type { NotificationPayload } from './notify.events';
import { NotifyRepository } from './notify.repository';
import { NotifyService } from './notify.service';
import { startWebhookReceiver, WebhookReceiver } from './testing/webhook-receiver';

let database: TestDatabase;
let db: Client;
let pool: Pool;
let emu: RunningEmulator;
let h: PollingHarness;
let app: INestApplication;
let polling: PollingService;
let notify: NotifyService;
let receiver: WebhookReceiver;
let repository: NotifyRepository;

const BASE_MS = 60_000;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  database = await createTestDatabase();
  db = new Client({ connectionString: database.url });
  await db.connect();
  pool = new Pool({ connectionString: database.url, max: 3 });
  repository = new NotifyRepository(pool);
  emu = await startEmulatorForPolling({ devMode: false });
  h = createHarness(emu, db, database.url);
  app = await h.startApp('notify-a', {
    NOTIFY_WEBHOOK_URL: receiver.url,
    NOTIFY_FORMAT: 'json',
    NOTIFY_INTERVAL_MS: '0',
    NOTIFY_RETRY_BASE_MS: String(BASE_MS),
    NOTIFY_TIMEOUT_MS: '500',
    NOTIFY_MAX_ATTEMPTS: '3',
    NOTIFY_MAX_PER_HOUR: '1000',
    NOTIFY_WEEKLY_CRON: 'off',
    IMPORT_DIR: await mkdtemp(path.join(os.tmpdir(), 'rewind-notify-')),
  });
  polling = app.get(PollingService);
  notify = app.get(NotifyService);
});

afterAll(async () => {
  await app?.close();
  await emu?.close();
  await receiver?.close();
  await pool?.end();
  await db?.end();
  await database?.drop();
});

beforeEach(async () => {
  emu.admin.clearFaults();
  receiver.mode = 'ok';
  await db.query(`UPDATE auth.accounts SET status = 'disabled'`);
});

async function poll(): Promise<void> {
  const t = await polling.tick('schedule', new Date());
  await t.done;
}

/** One notifier pass (derive, deliver); the messages the webhook received during it. */
async function deliveredNow(): Promise<NotificationPayload[]> {
  const before = receiver.received.length;
  await notify.tick();
  return receiver.received.slice(before) as NotificationPayload[];
}

async function outboxRow(where: string, params: unknown[]) {
  const r = await db.query(`SELECT * FROM raw.notification_outbox WHERE ${where} ORDER BY id DESC LIMIT 1`, params);
  return r.rows[0];
}

async function openAlert(key: string, recorder: IncidentRecorder = notify.recorder): Promise<void> {
  await repository.transaction((tx) =>
    recorder.open(tx, { type: 'ingest_failed', key, title: `Case ${key}`, message: 'it broke (test)', where: 'nowhere' }),
  );
}

describe('alerts', () => {
  it('ingest failure: one alert however often it fails, one recovery when a poll succeeds', async () => {
    const a = await h.addAccount({ id: 'n-down' });
    emu.admin.setFaults({ errorRate: 1 }, 'n-down');
    emu.admin.advance(HALF_HOUR);
    await poll();
    emu.admin.advance(HALF_HOUR);
    await poll();
    const first = await deliveredNow();
    expect(first).toEqual([
      expect.objectContaining({
        source: 'rewind',
        kind: 'alert',
        type: 'ingest_failed',
        state: 'open',
        accountId: a,
        incident: `ingest:${a}`,
      }),
    ]);
    expect(first[0].message).toMatch(/Spotify unavailable/);
    expect(first[0].where).toContain(`GET /api/ingest/runs?accountId=${a}`);
    expect(first[0].details).toMatchObject({ account: 'n-down' });

    emu.admin.advance(HALF_HOUR);
    await poll();
    expect(await deliveredNow()).toEqual([]);
    const incident = await db.query(`SELECT state, occurrences FROM raw.notification_incidents WHERE key = $1`, [`ingest:${a}`]);
    expect(incident.rows[0]).toEqual({ state: 'open', occurrences: 3 });

    emu.admin.clearFaults();
    emu.admin.advance(HALF_HOUR);
    await poll();
    const recovered = await deliveredNow();
    expect(recovered).toEqual([
      expect.objectContaining({ kind: 'recovery', type: 'ingest_failed', state: 'resolved', accountId: a, incident: `ingest:${a}` }),
    ]);
    expect(recovered[0].details).toMatchObject({ occurrences: 3 });
    emu.admin.advance(HALF_HOUR);
    await poll();
    expect(await deliveredNow()).toEqual([]);
  });

  it('a gap in recently-played: alert, then a recovery once a poll finds none', async () => {
    const a = await h.addAccount({ id: 'n-gappy', generate: false });
    const tracks = emu.world.catalog.tracks;
    let at = emu.admin.now() - 100 * 240_000;
    const play = (n: number) => {
      const plays = [];
      for (let i = 0; i < n; i++, at += 200_000)
        plays.push({ trackId: tracks[(i * 7) % tracks.length].id, playedAt: at, msPlayed: 120_000 });
      emu.admin.addPlays('n-gappy', plays);
    };
    play(10);
    await poll();
    expect(await deliveredNow()).toEqual([]);
    play(80);
    await poll();
    const [gap, ...more] = await deliveredNow();
    expect(more).toEqual([]);
    expect(gap).toMatchObject({ kind: 'alert', type: 'gap_detected', accountId: a, incident: `gap:${a}` });
    expect(gap.message).toMatch(/may be missing.*privacy export/);
    expect(gap.details).toHaveProperty('gapFrom');
    play(3);
    await poll();
    expect(await deliveredNow()).toEqual([expect.objectContaining({ kind: 'recovery', type: 'gap_detected', accountId: a })]);
  });

  it('import failure: one alert for repeated failures, recovery after a successful import', async () => {
    const a = await h.addAccount({ id: 'n-importer', generate: false });
    const bad = await importFiles(app, a, [{ name: 'endsong_0.json', content: '{"ts": "x", "ms_played": 1}' }]);
    expect(bad.status).toBe('failed');
    const [alert, ...more] = await deliveredNow();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ kind: 'alert', type: 'import_failed', accountId: a, message: bad.error });
    expect(alert.where).toContain(`GET /api/ingest/imports/${bad.id}`);
    await importFiles(app, a, [{ name: 'endsong_1.json', content: '[1, 2]' }]);
    expect(await deliveredNow()).toEqual([]);
    const good = [
      {
        ts: '2024-03-01T18:22:05Z',
        ms_played: 60_000,
        spotify_track_uri: 'spotify:track:4uLU6hMCjMI75M1A2tKUQC',
        master_metadata_track_name: 'Song',
        master_metadata_album_artist_name: 'Artist',
        master_metadata_album_album_name: 'Album',
      },
    ];
    expect((await importFiles(app, a, [{ name: 'endsong_2.json', content: JSON.stringify(good) }])).status).toBe('succeeded');
    expect(await deliveredNow()).toEqual([expect.objectContaining({ kind: 'recovery', type: 'import_failed', accountId: a })]);
  });

  it('transform run failed and data test failed (read from transform.runs / test_results): one alert each, recoveries on a green run', async () => {
    const run = async (status: string, error: string | null, test: 'pass' | 'fail') => {
      const r = await db.query<{ id: string }>(
        `INSERT INTO transform.runs (status, trigger, started_at, finished_at, error) VALUES ($1, 'request', clock_timestamp(), clock_timestamp(), $2) RETURNING id`,
        [status, error],
      );
      await db.query(
        `INSERT INTO transform.test_results (run_id, name, model, status, failures) VALUES ($1, 'unique_fct_plays_key', 'fct_plays', $2, $3)`,
        [r.rows[0].id, test, test === 'fail' ? 3 : 0],
      );
      return r.rows[0].id;
    };
    const failed = await run('failed', 'model fct_plays failed: division by zero', 'fail');
    const alerts = await deliveredNow();
    expect(alerts.map((m) => [m.kind, m.type, m.incident])).toEqual([
      ['alert', 'transform_failed', 'transform:runs'],
      ['alert', 'data_test_failed', 'test:unique_fct_plays_key'],
    ]);
    expect(alerts[0].message).toBe('model fct_plays failed: division by zero');
    expect(alerts[0].where).toContain(`GET /api/transform/runs/${failed}`);
    expect(alerts[1].message).toBe('3 rows of fct_plays break the test.');
    await run('failed', 'model fct_plays failed: division by zero', 'fail');
    expect(await deliveredNow()).toEqual([]);
    await run('succeeded', null, 'pass');
    expect((await deliveredNow()).map((m) => [m.kind, m.type])).toEqual([
      ['recovery', 'transform_failed'],
      ['recovery', 'data_test_failed'],
    ]);
  });

  it('an account needs to reconnect (auth.accounts reauth_required): alert once, recovery when active again', async () => {
    const a = await h.addAccount({ id: 'n-revoked' });
    await db.query(`UPDATE auth.accounts SET status = 'reauth_required', status_reason = 'Spotify answered invalid_grant' WHERE id = $1`, [
      a,
    ]);
    const [alert, ...more] = await deliveredNow();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ kind: 'alert', type: 'reauth_required', accountId: a, title: 'Account n-revoked needs to reconnect' });
    expect(alert.message).toContain('invalid_grant');
    expect(alert.where).toContain('GET /api/auth/login');
    expect(await deliveredNow()).toEqual([]);
    await db.query(`UPDATE auth.accounts SET status = 'active', status_reason = NULL WHERE id = $1`, [a]);
    expect(await deliveredNow()).toEqual([expect.objectContaining({ kind: 'recovery', type: 'reauth_required', accountId: a })]);
  });

  it('NOTIFY_EVENTS filters what is sent; the incident is still tracked', async () => {
    const onlyIngest = new IncidentRecorder(repository, { enabled: true, events: ['ingest_failed'] });
    await repository.transaction((tx) =>
      onlyIngest.open(tx, { type: 'gap_detected', key: 'filtered-gap', title: 'g', message: 'm', where: 'w' }),
    );
    await openAlert('filtered-ingest', onlyIngest);
    const rows = await db.query(`SELECT incident_key FROM raw.notification_outbox WHERE incident_key LIKE 'filtered-%'`);
    expect(rows.rows).toEqual([{ incident_key: 'filtered-ingest' }]);
    const incidents = await db.query(`SELECT key, state FROM raw.notification_incidents WHERE key LIKE 'filtered-%' ORDER BY key`);
    expect(incidents.rows).toEqual([
      { key: 'filtered-gap', state: 'open' },
      { key: 'filtered-ingest', state: 'open' },
    ]);
    await deliveredNow();
  });
});

describe('delivery', () => {
  it('retries with exponential back-off after a 500 and a hang, then delivers the same message', async () => {
    receiver.mode = 'fail500';
    await openAlert('retry-case');
    const bodies = await deliveredNow();
    expect(bodies).toHaveLength(1);
    let row = await outboxRow(`incident_key = $1`, ['retry-case']);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, response_status: 500 });
    expect(row.last_error).toMatch(/^attempt 1: webhook answered HTTP 500: upstream exploded/);
    const delay1 = row.next_attempt_at.getTime() - Date.now();
    expect(delay1).toBeGreaterThan(BASE_MS - 10_000);
    expect(delay1).toBeLessThanOrEqual(BASE_MS);
    expect(await deliveredNow()).toEqual([]); // not due yet

    receiver.mode = 'hang';
    await db.query(`UPDATE raw.notification_outbox SET next_attempt_at = now() WHERE id = $1`, [row.id]); // the back-off has passed
    expect(await deliveredNow()).toHaveLength(1);
    row = await outboxRow(`id = $1`, [row.id]);
    expect(row).toMatchObject({ status: 'pending', attempts: 2, response_status: null });
    expect(row.last_error).toBe('attempt 2: webhook did not answer within 500 ms (NOTIFY_TIMEOUT_MS)');
    expect(row.next_attempt_at.getTime() - Date.now()).toBeGreaterThan(2 * BASE_MS - 10_000);
    receiver.release();

    receiver.mode = 'ok';
    await db.query(`UPDATE raw.notification_outbox SET next_attempt_at = now() WHERE id = $1`, [row.id]);
    const last = await deliveredNow();
    expect(last).toEqual(bodies);
    row = await outboxRow(`id = $1`, [row.id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, response_status: 200, last_error: null });
  });

  it('an undeliverable message is kept as failed after NOTIFY_MAX_ATTEMPTS and listed with its last error', async () => {
    receiver.mode = 'fail500';
    await openAlert('never-delivered');
    for (let i = 0; i < 3; i++) {
      await db.query(`UPDATE raw.notification_outbox SET next_attempt_at = now() WHERE incident_key = 'never-delivered'`);
      expect(await deliveredNow()).toHaveLength(1);
    }
    await db.query(`UPDATE raw.notification_outbox SET next_attempt_at = now() WHERE incident_key = 'never-delivered'`);
    expect(await deliveredNow()).toEqual([]);
    const listed = await request(app.getHttpServer()).get('/api/ingest/notifications?status=failed').expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        incident: 'never-delivered',
        kind: 'alert',
        type: 'ingest_failed',
        status: 'failed',
        attempts: 3,
        responseStatus: 500,
        nextAttemptAt: null,
      }),
    ]);
    expect(listed.body.items[0].lastError).toMatch(/^attempt 3: webhook answered HTTP 500/);
  });

  it('a poll finishes and records its alert while the webhook hangs (nothing waits on delivery)', async () => {
    receiver.mode = 'hang';
    await openAlert('dead-webhook');
    const worker = new DeliveryWorker(repository, {
      webhookUrl: receiver.url,
      format: 'json',
      timeoutMs: 120_000,
      maxAttempts: 3,
      retryBaseMs: BASE_MS,
      maxPerHour: 1000,
    });
    const before = receiver.received.length;
    let settled = false;
    const delivering = worker.deliverDue().finally(() => (settled = true));
    await receiver.waitForRequests(before + 1);

    const a = await h.addAccount({ id: 'n-while-dead' });
    emu.admin.setFaults({ errorRate: 1 }, 'n-while-dead');
    emu.admin.advance(HALF_HOUR);
    await poll();
    const runs = await db.query(`SELECT status FROM raw.ingest_runs WHERE account_id = $1`, [a]);
    expect(runs.rows).toEqual([{ status: 'failed' }]);
    expect(await outboxRow(`incident_key = $1`, [`ingest:${a}`])).toMatchObject({ status: 'pending', attempts: 0 });
    // the webhook still holds the first request: the poll did not wait for it
    expect(settled).toBe(false);
    expect(receiver.held).toHaveLength(1);

    receiver.mode = 'ok';
    receiver.release();
    await delivering;
    expect(await outboxRow(`incident_key = 'dead-webhook'`, [])).toMatchObject({ status: 'sent' });
    expect(await outboxRow(`incident_key = $1`, [`ingest:${a}`])).toMatchObject({ status: 'sent' });
  });

  it('rate limit: a flapping incident sends at most NOTIFY_MAX_PER_HOUR, the rest in one summary once the hour has room', async () => {
    await deliveredNow();
    const used = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM raw.notification_outbox WHERE kind IN ('alert', 'recovery', 'suppressed_summary') AND admitted_at > now() - interval '1 hour'`,
    );
    const worker = new DeliveryWorker(repository, {
      webhookUrl: receiver.url,
      format: 'json',
      timeoutMs: 2000,
      maxAttempts: 3,
      retryBaseMs: BASE_MS,
      maxPerHour: used.rows[0].n + 2,
    });
    for (let i = 0; i < 3; i++) {
      await openAlert('flapping');
      if (i < 2) await repository.transaction((tx) => notify.recorder.resolve(tx, 'flapping'));
    }
    const before = receiver.received.length;
    await worker.deliverDue();
    const sent = receiver.received.slice(before) as NotificationPayload[];
    expect(sent.map((m) => m.kind)).toEqual(['alert', 'recovery']);
    const suppressed = await db.query(
      `SELECT kind FROM raw.notification_outbox WHERE incident_key = 'flapping' AND status = 'suppressed' ORDER BY id`,
    );
    expect(suppressed.rows.map((r) => r.kind)).toEqual(['alert', 'recovery', 'alert']);

    await worker.deliverDue();
    expect(receiver.received.length).toBe(before + 2); // the hour is still full
    await db.query(`UPDATE raw.notification_outbox SET admitted_at = admitted_at - interval '2 hours' WHERE admitted_at IS NOT NULL`); // an hour passes
    await worker.deliverDue();
    const [summary, ...more] = receiver.received.slice(before + 2) as NotificationPayload[];
    expect(more).toEqual([]);
    expect(summary).toMatchObject({ kind: 'suppressed_summary', title: '3 notifications held back by the rate limit' });
    expect(summary.details).toMatchObject({ count: 3 });
    await worker.deliverDue();
    expect(receiver.received.length).toBe(before + 3); // reported once
  });
});

describe('routes', () => {
  it('POST /api/ingest/notifications/test reports the webhook answer; GET lists the outbox without the webhook secret', async () => {
    const server = app.getHttpServer();
    const ok = await request(server).post('/api/ingest/notifications/test').expect(200);
    expect(ok.body).toMatchObject({
      delivered: true,
      status: 200,
      bodyExcerpt: 'ok',
      format: 'json',
      error: null,
      webhook: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/…$/),
    });
    expect(typeof ok.body.latencyMs).toBe('number');
    expect((receiver.received[receiver.received.length - 1] as NotificationPayload).kind).toBe('test');

    receiver.mode = 'fail500';
    const failed = await request(server).post('/api/ingest/notify/test').expect(200);
    expect(failed.body).toMatchObject({ delivered: false, status: 500, bodyExcerpt: 'upstream exploded (test)' });
    expect(failed.body.error).toMatch(/HTTP 500/);

    const listed = await request(server).get('/api/ingest/notifications?limit=2').expect(200);
    expect(listed.body).toMatchObject({ enabled: true, format: 'json', maxPerHour: 1000 });
    expect(listed.body.items.map((i: { kind: string; status: string }) => [i.kind, i.status])).toEqual([
      ['test', 'failed'],
      ['test', 'sent'],
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('secret-path');
    const bad = await request(server).get('/api/ingest/notifications?limit=0').expect(400);
    expect(bad.body.message).toBe('limit must be an integer between 1 and 500');
    await request(server).get('/api/ingest/notifications?status=nope').expect(400);
  });
});
