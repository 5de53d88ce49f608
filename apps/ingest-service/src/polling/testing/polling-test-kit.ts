import { INestApplication } from '@nestjs/common';
import { loadEnv } from '@rewind/config';
import { ReauthRequired, createSpotifyAccountsClient, type SpotifyAccountsClient, type SpotifyTokenProvider } from '@rewind/spotify';
import { startEmulator, type RunningEmulator } from '@rewind/spotify-emulator';
import { baseTestEnv, createServiceTestApp } from '@rewind/testing';
import { Client } from 'pg';
import { AppModule } from '../../app.module';
import { ingestEnv } from '../../config/ingest.config';
import { SERVICE } from '../../service';

export const SIM_NOW = Date.parse('2026-11-20T12:00:00.000Z');
export const HALF_HOUR = 30 * 60_000;

/**
 * Token provider for tests: plays auth-service's part against the emulator's accounts
 * service (refresh tokens issued by the emulator, refreshed with the accounts client).
 * Shared by every app instance of a test, as auth-service is shared by replicas.
 */
export class EmulatorTokens implements SpotifyTokenProvider {
  private readonly accounts: SpotifyAccountsClient;
  private readonly tokens = new Map<string, { access?: string; refresh: string }>();

  constructor(emu: RunningEmulator) {
    this.accounts = createSpotifyAccountsClient({
      accountsUrl: emu.accountsUrl,
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      sleep: async () => undefined,
    });
  }

  add(accountId: string, refresh: string, access?: string): void {
    this.tokens.set(accountId, { refresh, access });
  }

  async getAccessToken(accountId: string, options: { forceRefresh?: boolean } = {}): Promise<string> {
    const t = this.tokens.get(accountId);
    if (!t) throw new ReauthRequired(accountId, 'no tokens stored for this account');
    if (!t.access || options.forceRefresh) {
      const r = await this.accounts.refresh(t.refresh, { accountId, pkce: false });
      t.access = r.accessToken;
      if (r.refreshToken) t.refresh = r.refreshToken;
    }
    return t.access;
  }
}

export interface PollingHarness {
  emu: RunningEmulator;
  tokens: EmulatorTokens;
  db: Client;
  /** account uuid → emulator listener id */
  listeners: Map<string, string>;
  addAccount(listener: { id: string; historyDays?: number; generate?: boolean }, options?: { withTokens?: boolean }): Promise<string>;
  startApp(instanceId?: string, env?: Record<string, string>): Promise<INestApplication>;
}

export async function startEmulatorForPolling(options: { devMode?: boolean; seed?: number } = {}): Promise<RunningEmulator> {
  return startEmulator({ seed: options.seed ?? 7, now: SIM_NOW, devMode: options.devMode ?? true, catalog: { artists: 120 } });
}

export function pollingTestEnv(databaseUrl: string, emu: RunningEmulator, env: Record<string, string> = {}) {
  return loadEnv(ingestEnv, {
    ...baseTestEnv(databaseUrl),
    INGEST_CRON: 'off',
    ENRICHMENT_INTERVAL_MS: '0',
    IMPORT_POLL_MS: '100',
    IMPORT_PROGRESS_MS: '50',
    SPOTIFY_API_URL: emu.apiUrl,
    ...env,
  } as NodeJS.ProcessEnv);
}

export function createHarness(emu: RunningEmulator, db: Client, databaseUrl: string): PollingHarness {
  const tokens = new EmulatorTokens(emu);
  const listeners = new Map<string, string>();
  return {
    emu,
    tokens,
    db,
    listeners,
    async addAccount(listener, options = {}) {
      emu.admin.addListener({ id: listener.id, historyDays: listener.historyDays ?? 0, generate: listener.generate ?? true });
      const r = await db.query<{ id: string }>(`INSERT INTO auth.accounts (spotify_user_id, display_name) VALUES ($1, $1) RETURNING id`, [
        listener.id,
      ]);
      const id = r.rows[0].id;
      listeners.set(id, listener.id);
      if (options.withTokens ?? true) {
        const t = emu.admin.issueTokens(listener.id);
        tokens.add(id, t.refreshToken, t.accessToken);
      }
      return id;
    },
    startApp(instanceId = 'replica-a', env = {}) {
      return createServiceTestApp(
        AppModule.forRoot(pollingTestEnv(databaseUrl, emu, env), {
          spotifyTokens: tokens,
          // no real waiting for back-offs or Retry-After; short timeouts for hanging requests
          spotifyClient: { sleep: async () => undefined, timeoutMs: 1500, maxAttempts: 5 },
          instanceId,
        }),
        SERVICE,
      );
    },
  };
}

/**
 * Stored plays of an account as "ISO end of the listen|track id", oldest first. A polled play
 * ends exactly at the played_at Spotify listed it with.
 */
export async function storedPlays(db: Client, accountId: string): Promise<string[]> {
  const r = await db.query<{ k: string }>(
    `SELECT to_char(ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' || track_id AS k FROM raw.plays WHERE account_id = $1 ORDER BY ended_at`,
    [accountId],
  );
  return r.rows.map((x) => x.k);
}

/** What Spotify exposed for a listener (its played_at, the end of each listen), in the same form. */
export function exposedTruth(emu: RunningEmulator, listenerId: string): string[] {
  return emu.admin.groundTruth(listenerId, { exposedOnly: true }).map((p) => `${p.reportedAt}|${p.trackId}`);
}
