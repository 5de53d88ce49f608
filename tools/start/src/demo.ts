import { generateExport, startEmulator, type RunningEmulator } from '@rewind/spotify-emulator';
import { SingleBar } from 'cli-progress';
import { existsSync, mkdirSync, openAsBlob, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Demo mode (no SPOTIFY_CLIENT_ID): the Spotify emulator stands in for Spotify with one synthetic
 * listener, the services are pointed at it, the listener's account is registered and its
 * generated history imported, so a newcomer sees a full dashboard within a minute.
 */
export const DEMO_LABEL = 'Demo listener (synthetic data)';
const DEMO_HISTORY_DAYS = 730;

/**
 * The demo listener lives where the machine running `npm start` does (the browser showing the
 * dashboard is usually on the same machine): its days and hours are this machine's. It can be
 * changed in the dashboard's accounts card like any account's zone.
 */
export function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && zone !== 'Etc/Unknown' ? zone : 'UTC';
}

export interface DemoSpotify {
  emulator: RunningEmulator;
  listenerId: string;
  /** Variables that point the services at the emulator. */
  env: Record<string, string>;
}

export async function startDemoSpotify(gatewayPort: number, emulatorPort: number): Promise<DemoSpotify> {
  const redirectUri = `http://127.0.0.1:${gatewayPort}/api/auth/callback`;
  const emulator = await startEmulator({
    port: emulatorPort,
    host: '127.0.0.1',
    seed: 'rewind-demo',
    now: Date.now(),
    realTime: true,
    redirectUris: [redirectUri],
    demoListener: { historyDays: DEMO_HISTORY_DAYS },
  });
  return {
    emulator,
    listenerId: emulator.demoListenerId!,
    env: {
      SPOTIFY_CLIENT_ID: emulator.clientId,
      SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
      SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
      SPOTIFY_API_URL: emulator.apiUrl,
      SPOTIFY_REDIRECT_URI: redirectUri,
      REWIND_DEMO_MODE: 'true',
    },
  };
}

class ApiError extends Error {}

async function api<T>(gateway: string, token: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${gateway}${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body instanceof FormData || body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
  if (res.status >= 400 && res.status !== 404) {
    throw new ApiError(`${method} ${route} answered ${res.status}: ${(parsed as { message?: string })?.message ?? text}`);
  }
  return { status: res.status, body: parsed };
}

interface ImportStatus {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  playsInserted: number;
  error: string | null;
}

/** Registers the demo account, imports its history once, then asks for a poll and a transform. */
export async function seedDemo(
  demo: DemoSpotify,
  gateway: string,
  apiToken: string,
  dataDir: string,
  say: (line: string) => void,
): Promise<void> {
  const { refreshToken } = demo.emulator.admin.issueTokens(demo.listenerId);
  const account = await api<{ id: string }>(gateway, apiToken, 'POST', '/api/auth/accounts', {
    refreshToken,
    label: DEMO_LABEL,
    timeZone: machineTimeZone(),
  });
  const accountId = account.body.id;
  say(`Demo account registered: ${DEMO_LABEL}`);

  const marker = path.join(dataDir, 'demo', `imported-${accountId}`);
  if (!existsSync(marker)) {
    mkdirSync(path.dirname(marker), { recursive: true });
    const zip = path.join(dataDir, 'demo', 'demo-export.zip');
    const summary = await generateExport({ listenerId: demo.listenerId, world: demo.emulator.world, out: zip });
    say(`Importing ${DEMO_HISTORY_DAYS} days of synthetic history (${summary.plays.toLocaleString('en')} plays)...`);
    const form = new FormData();
    form.append('files', await openAsBlob(zip), 'my_spotify_data.zip');
    const started = await api<{ importId: string }>(gateway, apiToken, 'POST', `/api/ingest/imports?accountId=${accountId}`, form);
    const bar = new SingleBar({ format: '  import [{bar}] {percentage}%', hideCursor: true, clearOnComplete: true });
    bar.start(100, 0);
    let status: ImportStatus;
    for (;;) {
      status = (await api<ImportStatus>(gateway, apiToken, 'GET', `/api/ingest/imports/${started.body.importId}`)).body;
      bar.update(Math.round(status.progress * 100));
      if (status.status === 'succeeded' || status.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 300));
    }
    bar.stop();
    if (status.status === 'failed') throw new ApiError(`the demo import failed: ${status.error}`);
    say(`  ${status.playsInserted.toLocaleString('en')} plays imported`);
    writeFileSync(marker, new Date().toISOString());
  }

  const poll = await api(gateway, apiToken, 'POST', '/api/ingest/runs', { accountId });
  if (poll.status === 404) say('  (polling is not available yet in this build)');
  const transform = await api<{ runId: string }>(gateway, apiToken, 'POST', '/api/transform/runs', {});
  if (transform.status !== 404) {
    for (;;) {
      const run = await api<{ status: string }>(gateway, apiToken, 'GET', `/api/transform/runs/${transform.body.runId}`);
      if (run.body.status === 'succeeded' || run.body.status === 'failed') {
        say(`  models built (${run.body.status})`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
