import { exportPlays, generateExport, startEmulator, type RunningEmulator } from '@rewind/spotify-emulator';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ApiRun, GatewayClient } from '../src/gateway-client';
import { ChaosStack, sleep } from '../src/stack';
import { comparePlays, describeDiff, diffIsClean, expectedFromTruth, exportKey, importInstant, type StoredPlay } from '../src/truth';
import { rng } from '@rewind/testing';

/**
 * Chaos test: the whole built system (five services from dist/, a real PostgreSQL) against the
 * Spotify emulator on a simulated clock, with faults, over simulated days of listening plus an
 * import. At the end every account's stored plays equal the emulator's ground truth (see
 * src/truth.ts for what "equal" means) and every service reports healthy.
 *
 * CHAOS_PROFILE=short (default; CI): about one simulated day. CHAOS_PROFILE=long
 * (`npm run test:chaos`): several days. CHAOS_SEED changes every random choice.
 */
interface Profile {
  name: string;
  /** simulated days of polling, one poll every 30 simulated minutes */
  days: number;
  /** history of the imported listener before polling starts (the export) */
  importHistoryDays: number;
}
const PROFILES: Record<string, Profile> = {
  short: { name: 'short', days: 1, importHistoryDays: 2 },
  long: { name: 'long', days: 5, importHistoryDays: 30 },
};
const PROFILE = PROFILES[process.env.CHAOS_PROFILE ?? 'short'] ?? PROFILES.short;
const SEED = process.env.CHAOS_SEED ?? 'rewind-chaos-1';

const PORT_BASE = 4100 + (process.pid % 10) * 10;
const PG_PORT = 55100 + (process.pid % 90);
const TICK_MS = 30 * 60_000;
/** INGEST_LEASE_SECONDS: the smallest the ingest-service accepts */
const LEASE_SECONDS = 10;
/** the client's cap on Retry-After waits (libs/spotify maxRetryAfterMs default; ingest-service does not change it) */
const RETRY_AFTER_CAP_S = 30;
const LISTENERS = ['chaos-a', 'chaos-b', 'chaos-c'] as const;
const IMPORTED = LISTENERS[0];
const BLOCKED = LISTENERS[1];
/** lively listeners (~100 plays a day) so every poll has work, yet far below 50 plays per 30 minutes */
const HABITS = { sessionsPerDay: 8, tracksPerSession: 12 };
const BASE_FAULTS = { errorRate: 0.1, errorStatuses: [500, 502, 503] };

const T0 = Date.now();
const say = (line: string) => process.stdout.write(`[chaos +${((Date.now() - T0) / 1000).toFixed(1)} s] ${line}\n`);

describe(`chaos (${PROFILE.name}: ${PROFILE.days} simulated day(s), seed ${SEED})`, () => {
  let emu: RunningEmulator;
  let stack: ChaosStack | undefined;
  let gw: GatewayClient;
  let failed = false;
  const accountOf = new Map<string, string>();
  const listenerOf = new Map<string, string>();
  const runLog: ApiRun[] = [];
  /** Every credential the test handed the system: none may appear in a log file. */
  const refreshTokens: string[] = [];
  const startedAt = Date.now();

  const tally = () => {
    const t: Record<string, number> = {};
    for (const r of runLog) t[r.status] = (t[r.status] ?? 0) + 1;
    return t;
  };

  async function query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    // a fresh connection per question: the server restarts during the test
    const c = new Client({ connectionString: stack!.databaseUrl });
    await c.connect();
    try {
      return (await c.query<T>(sql, params)).rows;
    } finally {
      await c.end();
    }
  }

  /** One poll of every account that is free, after `advanceMs` of simulated time; waits for its runs. */
  async function tick(advanceMs: number, timeoutMs = 60_000): Promise<ApiRun[]> {
    emu.admin.advance(advanceMs);
    const ids = await gw.poll();
    const runs = await gw.waitRuns(ids, timeoutMs);
    runLog.push(...runs);
    const stuck = runs.filter((r) => r.status === 'running');
    if (stuck.length)
      throw new Error(`runs still running after ${timeoutMs} ms: ${stuck.map((r) => `${listenerOf.get(r.accountId)} ${r.id}`).join(', ')}`);
    return runs;
  }

  /**
   * After a fault that leaves runs hanging (database gone, process killed): polls, without
   * moving the clock, until every account has a succeeded run started after `since`.
   */
  async function recover(what: string, since: Date, deadlineMs = 90_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const ids = await gw.poll();
      runLog.push(...(await gw.waitRuns(ids, 20_000)));
      const ok = await query<{ account_id: string }>(
        `SELECT DISTINCT account_id FROM raw.ingest_runs WHERE status = 'succeeded' AND started_at >= $1`,
        [since],
      );
      const missing = [...accountOf.values()].filter((id) => !ok.some((r) => r.account_id === id));
      if (!missing.length) {
        say(`${what}: every account polled successfully again after ${((Date.now() - since.getTime()) / 1000).toFixed(1)} s`);
        return;
      }
      if (Date.now() > deadline)
        throw new Error(
          `${what}: no successful poll since ${since.toISOString()} for ${missing.map((id) => listenerOf.get(id)).join(', ')}`,
        );
      await sleep(1000);
    }
  }

  beforeAll(async () => {
    emu = await startEmulator({
      seed: SEED,
      now: '2026-11-16T06:00:00.000Z',
      realTime: false,
      redirectUris: [`http://127.0.0.1:${PORT_BASE}/api/auth/callback`],
      listeners: LISTENERS.map((id) => ({ id, historyDays: id === IMPORTED ? PROFILE.importHistoryDays : 0, habits: HABITS })),
    });
    stack = await ChaosStack.start({
      portBase: PORT_BASE,
      pgPort: PG_PORT,
      env: {
        SPOTIFY_CLIENT_ID: emu.clientId,
        SPOTIFY_CLIENT_SECRET: emu.clientSecret,
        SPOTIFY_ACCOUNTS_URL: emu.accountsUrl,
        SPOTIFY_API_URL: emu.apiUrl,
        SPOTIFY_REDIRECT_URI: `http://127.0.0.1:${PORT_BASE}/api/auth/callback`,
        // the test drives every poll
        INGEST_CRON: 'off',
        INGEST_LEASE_SECONDS: String(LEASE_SECONDS),
        // metadata enrichment is not under test and would spend the fault budget on other calls
        ENRICHMENT_INTERVAL_MS: '0',
        IMPORT_POLL_MS: '500',
        // simulated hours pass in real seconds: access tokens expire (simulated) within seconds,
        // so a forced refresh must not reuse the previous one
        FORCE_REFRESH_MIN_INTERVAL_MS: '0',
        RATE_LIMIT_PER_MINUTE: '100000',
        TRANSFORM_CRON: 'off',
        TRANSFORM_FULL_REFRESH_CRON: 'off',
      },
    });
    gw = new GatewayClient(stack.gateway, stack.apiToken);
    say(
      `stack up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (gateway ${stack.gateway}, PostgreSQL :${PG_PORT}, logs ${stack.logDir})`,
    );
    for (const id of LISTENERS) {
      const { refreshToken } = emu.admin.issueTokens(id);
      refreshTokens.push(refreshToken);
      const r = await gw.request<{ id: string }>('POST', '/api/auth/accounts', { refreshToken, label: id });
      accountOf.set(id, r.body.id);
      listenerOf.set(r.body.id, id);
    }
  }, 300_000);

  afterAll(async () => {
    await emu?.close();
    if (stack) {
      if (failed) say(`keeping the data directory for inspection: ${stack.dataDir}`);
      await stack.stop({ keepData: failed });
    }
  }, 120_000);

  it('stores exactly the ground truth through 5xx, 429s, latency, truncated uploads, a PostgreSQL restart, a SIGKILLed ingest-service and a crash-looping stats-api, and ends healthy', async () => {
    try {
      await scenario();
    } catch (error) {
      failed = true;
      const exits = stack?.unexpectedExits() ?? [];
      const ingest = stack?.service('ingest-service');
      throw new Error(
        [
          (error as Error).message,
          `runs so far: ${JSON.stringify(tally())}`,
          ...exits.map(
            (e) =>
              `${e.name} exited on its own (${e.signal ?? `code ${e.code}`}) at ${e.at.toISOString()}:\n  ${e.lastLines.slice(-15).join('\n  ')}`,
          ),
          ingest ? `ingest-service last lines:\n  ${ingest.recent.slice(-10).join('\n  ')}` : '',
          stack ? `logs: ${stack.logDir}` : '',
        ].join('\n'),
      );
    }
  });

  async function scenario(): Promise<void> {
    const random = rng(SEED);
    const ticks = PROFILE.days * 48;
    const importAccount = accountOf.get(IMPORTED)!;
    const blockedAccount = accountOf.get(BLOCKED)!;

    // ---- the export of one listener, generated from the running world before polling starts
    const zip = path.join(stack!.dataDir, 'my_spotify_data.zip');
    const summary = await generateExport({ listenerId: IMPORTED, world: emu.world, out: zip });
    const atExport = emu.admin.groundTruth(IMPORTED, { exposedOnly: true });
    const exported = new Map(atExport.map((t) => [exportKey(t.trackId!, t.playedAtMs), importInstant(t.playedAtMs, t.msPlayed)]));
    // the emulator's own account of the export's plays agrees with that instant rule
    const emulatorInstants = [...exportPlays({ listenerId: IMPORTED, world: emu.world })].map((p) => p.playedAtMs).sort((a, b) => a - b);
    expect(emulatorInstants).toEqual([...exported.values()].sort((a, b) => a - b));
    expect(summary.plays).toBe(exported.size);
    say(`export of ${IMPORTED}: ${summary.plays} plays over ${PROFILE.importHistoryDays} days, ${summary.rows} rows`);

    emu.admin.setFaults(BASE_FAULTS);
    await truncatedUploads();

    // ---- first poll and the import at the same time: they overlap by up to 50 plays
    emu.admin.advance(TICK_MS);
    const [importId, firstRuns] = await Promise.all([gw.upload(importAccount, zip, 'my_spotify_data.zip'), gw.poll()]);
    runLog.push(...(await gw.waitRuns(firstRuns, 60_000)));

    const killAt = Math.floor(ticks * 0.75);
    const restartAt = Math.floor(ticks * 0.5);
    const blockAt = Math.floor(ticks * 0.25);
    let spikes = 0;
    let bursts = 0;
    for (let i = 2; i <= ticks; i++) {
      // random faults for this tick: a latency spike, short 429 bursts (Retry-After under the cap: waited out)
      const spike = random() < 0.1 ? Math.round(300 + random() * 1200) : 0;
      if (spike) spikes++;
      emu.admin.setFaults({ ...BASE_FAULTS, ...(spike ? { latencyMs: spike } : {}) });
      for (const id of LISTENERS) {
        if (random() < 0.06) {
          bursts++;
          emu.admin.setFaults({ retryAfterSec: 1, rateLimitCount: 1 + Math.floor(random() * 2) }, id);
        } else emu.admin.setFaults({}, id);
      }

      if (i === blockAt) await overCapRateLimit();
      else if (i === restartAt) await postgresRestart();
      else if (i === killAt) await killIngest();
      else await tick(TICK_MS);
    }

    // ---- settle: no faults, the last half hour, then polls until one round succeeds everywhere
    emu.admin.clearFaults();
    emu.admin.advance(TICK_MS);
    for (let round = 0; ; round++) {
      const runs = await tick(0);
      if (runs.length === LISTENERS.length && runs.every((r) => r.status === 'succeeded')) break;
      if (round >= 10) throw new Error(`the final polls do not all succeed: ${JSON.stringify(runs)}`);
      await sleep(1000);
    }
    const imported = await gw.waitImport(importId, 60_000);
    expect(imported).toMatchObject({ status: 'succeeded', error: null });
    say(`import: ${imported.playsInserted} plays inserted, ${imported.duplicates} duplicates of polled plays`);

    // ---- the invariant: stored plays equal the ground truth, account by account
    const rows = await query<{ account_id: string; ms: string; track_id: string | null; source: string }>(
      `SELECT account_id, (extract(epoch FROM CASE WHEN source = 'poll' THEN ended_at ELSE played_at END) * 1000)::bigint AS ms, track_id, source
       FROM raw.plays ORDER BY account_id, played_at`,
    );
    const reports: string[] = [];
    let clean = true;
    for (const id of LISTENERS) {
      const accountId = accountOf.get(id)!;
      const stored: StoredPlay[] = rows
        .filter((r) => r.account_id === accountId)
        .map((r) => ({ playedAtMs: Number(r.ms), trackId: r.track_id, source: r.source }));
      const truth = emu.admin.groundTruth(id, { exposedOnly: true });
      const expected = expectedFromTruth(truth, id === IMPORTED ? exported : new Map());
      const diff = comparePlays(expected, stored);
      reports.push(describeDiff(`${id} (account ${accountId}): ${expected.length} true listens, ${stored.length} stored`, diff));
      if (!diffIsClean(diff)) clean = false;
    }
    const gaps = await query<{ account_id: string; gap_from: Date; gap_to: Date }>(
      `SELECT account_id, gap_from, gap_to FROM raw.ingest_runs WHERE gap_detected`,
    );
    for (const g of gaps)
      reports.push(
        `gap reported by the ingest-service for ${listenerOf.get(g.account_id)}: ${g.gap_from.toISOString()} .. ${g.gap_to.toISOString()}`,
      );
    say(reports.join('\n'));
    if (!clean) throw new Error(`stored plays differ from the ground truth:\n${reports.join('\n')}`);
    expect(rows.filter((r) => !listenerOf.has(r.account_id))).toEqual([]);

    // ---- every service healthy again, through the gateway
    let health: { status: string; services: Record<string, { status: string }>; database: { status: string } } | undefined;
    const healthDeadline = Date.now() + 30_000;
    while (Date.now() < healthDeadline) {
      health = (await gw.request<typeof health>('GET', '/api/health', undefined, { expect: [200, 503] })).body;
      if (health?.status === 'ok') break;
      await sleep(500);
    }
    expect(health).toMatchObject({
      status: 'ok',
      services: { auth: { status: 'ok' }, ingest: { status: 'ok' }, transform: { status: 'ok' }, stats: { status: 'ok' } },
      database: { status: 'ok' },
    });

    await crashLoop();
    await credentialsInQueries();

    // ---- nothing crashed on its own (the supervisor would hide it by restarting)
    const exits = stack!.unexpectedExits();
    expect(exits.map((e) => `${e.name} (${e.signal ?? `code ${e.code}`}): ${e.lastLines.slice(-15).join('\n')}`)).toEqual([]);

    // ---- bounded: Spotify calls per poll stay small despite the retries
    const counters = emu.admin.allCounters();
    const sum = (k: 'apiCalls' | 'status5xx' | 'status429' | 'tokenRefreshes' | 'recentlyPlayedCalls') =>
      Object.values(counters.listeners).reduce((s, c) => s + c[k], 0) + counters.global[k];
    const t = tally();
    say(
      `done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${runLog.length} runs ${JSON.stringify(t)}; Spotify: ${sum('apiCalls')} API calls ` +
        `(${sum('recentlyPlayedCalls')} recently-played), ${sum('status5xx')} 5xx, ${sum('status429')} 429, ${sum('tokenRefreshes')} token refreshes; ` +
        `${spikes} latency spikes, ${bursts} 429 bursts; ${gw.retries} gateway retries during faults`,
    );
    expect(sum('apiCalls')).toBeLessThan(runLog.length * 8);
    expect(sum('status5xx')).toBeGreaterThan(0);
    expect(t.succeeded).toBeGreaterThan(ticks * LISTENERS.length * 0.8);
    noSecretInLogs();

    // ---- cut-off multipart uploads: a 400 each, nothing kept, ingest-service never exits
    async function truncatedUploads(): Promise<void> {
      const imports = path.join(stack!.dataDir, 'imports');
      const before = existsSync(imports) ? readdirSync(imports) : [];
      const cut = `--XX\r\nContent-Disposition: form-data; name="files"; filename="a.json"\r\n\r\n[{"ts":"2026-11-16T06:00:00Z"`;
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${stack!.gateway}/api/ingest/imports?accountId=${importAccount}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${stack!.apiToken}`, 'Content-Type': 'multipart/form-data; boundary=XX' },
          body: cut,
        });
        expect({ status: res.status, message: ((await res.json()) as { message: string }).message }).toEqual({
          status: 400,
          message: expect.stringMatching(/truncated multipart body/),
        });
      }
      expect(existsSync(imports) ? readdirSync(imports) : []).toEqual(before);
      expect(stack!.unexpectedExits()).toEqual([]);
      say('4 truncated uploads: 400 each, nothing kept, ingest-service still up');
    }

    // ---- stats-api crashes five times within a minute: restarted each time; the rest and PostgreSQL keep serving
    async function crashLoop(): Promise<void> {
      const began = Date.now();
      for (let i = 1; i <= 5; i++) {
        const killed = stack!.crash('stats-api');
        const accounts = await gw.request<unknown[]>('GET', '/api/auth/accounts');
        expect(accounts.body).toHaveLength(LISTENERS.length);
        expect((await gw.request('GET', '/api/transform/models')).status).toBe(200);
        expect(stack!.databaseRunning).toBe(true);
        await stack!.waitRestarted('stats-api', killed);
      }
      const seconds = (Date.now() - began) / 1000;
      expect(stack!.failedServices).toEqual([]);
      expect((await query<{ one: number }>('SELECT 1 AS one'))[0].one).toBe(1);
      const summary = await gw.request('GET', `/api/stats/summary?accountId=${importAccount}`);
      expect(summary.status).toBe(200);
      say(`stats-api SIGKILLed 5 times in ${seconds.toFixed(1)} s: restarted each time; the others and PostgreSQL kept serving`);
    }

    // ---- a credential in the query string is refused in any case and never logged
    async function credentialsInQueries(): Promise<void> {
      for (const name of ['api_token', 'TOKEN', 'Access_Token'])
        expect((await fetch(`${stack!.gateway}/api/stats/summary?${name}=${stack!.apiToken}`)).status).toBe(401);
    }

    function noSecretInLogs(): void {
      const files = readdirSync(stack!.logDir).map((f) => path.join(stack!.logDir, f));
      const secrets = [stack!.apiToken, ...refreshTokens];
      const leaks = files.flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return secrets.filter((secret) => text.includes(secret)).map((secret) => `${path.basename(file)} holds ${secret.slice(0, 4)}…`);
      });
      expect(leaks).toEqual([]);
      say(`no API token or refresh token in ${files.length} log files`);
    }

    // ---- the faults: one Retry-After over the cap blocks one account, the others keep polling
    async function overCapRateLimit(): Promise<void> {
      emu.admin.setFaults({ retryAfterSec: RETRY_AFTER_CAP_S + 1, rateLimitCount: 1 }, BLOCKED);
      const first = await tick(TICK_MS);
      const mine = first.find((r) => r.accountId === blockedAccount);
      expect(mine).toMatchObject({ status: 'skipped', error: expect.stringMatching(/rate limit/) });
      const [{ blocked_until: until }] = await query<{ blocked_until: Date }>(
        `SELECT blocked_until FROM raw.poll_state WHERE account_id = $1`,
        [blockedAccount],
      );
      expect(until.getTime()).toBeGreaterThan(Date.now() + (RETRY_AFTER_CAP_S - 10) * 1000);
      say(
        `${BLOCKED}: Retry-After ${RETRY_AFTER_CAP_S + 1} s (over the ${RETRY_AFTER_CAP_S} s cap) blocks it until ${until.toISOString()}`,
      );
      // while it waits (real time), the others are polled; the clock moves slowly (<= 50 plays)
      const during: ApiRun[] = [];
      while (Date.now() < until.getTime() + 250) {
        const began = Date.now();
        during.push(...(await tick(6 * 60_000)));
        await sleep(Math.max(0, 2500 - (Date.now() - began)));
      }
      const blockedRuns = during.filter((r) => r.accountId === blockedAccount);
      expect(blockedRuns.length).toBeGreaterThan(0);
      expect(blockedRuns.filter((r) => r.status !== 'skipped')).toEqual([]);
      for (const id of LISTENERS.filter((x) => x !== BLOCKED)) {
        const theirs = during.filter((r) => r.accountId === accountOf.get(id));
        expect(theirs.filter((r) => r.status === 'succeeded').length).toBeGreaterThanOrEqual(Math.max(1, theirs.length - 2));
      }
      const after = await tick(0);
      expect(after.find((r) => r.accountId === blockedAccount)).toMatchObject({ status: 'succeeded' });
      say(`${BLOCKED}: polled again after the wait; meanwhile ${during.length - blockedRuns.length} polls of the other accounts`);
    }

    // ---- PostgreSQL stops while polls are in flight and comes back on the same data directory
    async function postgresRestart(): Promise<void> {
      emu.admin.setFaults({ ...BASE_FAULTS, latencyMs: 1500 });
      emu.admin.advance(TICK_MS);
      const ids = await gw.poll();
      await sleep(400);
      const down = new Date();
      await stack!.stopDatabase();
      say(`PostgreSQL stopped with ${ids.length} polls in flight`);
      await sleep(2000);
      await stack!.startDatabase();
      say(`PostgreSQL back after ${((Date.now() - down.getTime()) / 1000).toFixed(1)} s`);
      emu.admin.setFaults(BASE_FAULTS);
      await recover('PostgreSQL restart', down);
    }

    // ---- the ingest-service is SIGKILLed mid-poll; its leases hold until they expire
    async function killIngest(): Promise<void> {
      emu.admin.setFaults({ ...BASE_FAULTS, latencyMs: 2500 });
      emu.admin.advance(TICK_MS);
      const ids = await gw.poll();
      await sleep(700);
      const killed = new Date();
      await stack!.killService('ingest-service', 'SIGKILL');
      emu.admin.setFaults(BASE_FAULTS);
      const inFlight = await query<{ id: string; account_id: string }>(
        `SELECT id, account_id FROM raw.ingest_runs WHERE id = ANY($1::uuid[]) AND status = 'running'`,
        [ids],
      );
      say(`ingest-service SIGKILLed with ${inFlight.length} of ${ids.length} polls in flight`);
      expect(inFlight.length).toBeGreaterThan(0);
      await stack!.startService('ingest-service');
      // restarted before the leases expired: those accounts are left alone
      const early = await gw.poll();
      const earlyRuns = await gw.waitRuns(early, 30_000);
      runLog.push(...earlyRuns);
      const stillLeased = await query<{ account_id: string }>(`SELECT account_id FROM raw.poll_state WHERE leased_until > now()`);
      if (stillLeased.length) {
        for (const r of earlyRuns) expect(inFlight.map((x) => x.account_id)).not.toContain(r.accountId);
      }
      await recover('ingest-service SIGKILL', killed);
      const closed = await query<{ status: string; error: string | null }>(
        `SELECT status, error FROM raw.ingest_runs WHERE id = ANY($1::uuid[])`,
        [inFlight.map((r) => r.id)],
      );
      for (const c of closed) expect(c).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
    }
  }
});
