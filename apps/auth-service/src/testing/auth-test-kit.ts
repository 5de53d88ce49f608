import { INestApplication } from '@nestjs/common';
import { baseTestEnv, createServiceTestApp, TestDatabase } from '@rewind/testing';
import { RunningEmulator, startEmulator, EmulatorOptions } from '@rewind/spotify-emulator';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { AppModule } from '../app.module';
import { AuthServiceConfig } from '../config/auth.config';
import { Clock } from '../core/clock';
import { SERVICE } from '../service';

export const TEST_KEY = randomBytes(32).toString('base64');

/** The service's configuration pointed at a test database and a running emulator. */
export function authTestConfig(
  db: TestDatabase,
  emu: RunningEmulator | null,
  overrides: Partial<AuthServiceConfig> = {},
): AuthServiceConfig {
  return {
    ...baseTestEnv(db.url),
    PORT: 0,
    TOKEN_ENCRYPTION_KEY: TEST_KEY,
    TOKEN_ENCRYPTION_KEY_PREVIOUS: undefined,
    ACCOUNT_LIMIT: 5,
    LOGIN_SUCCESS_REDIRECT: '/',
    REWIND_DEMO_MODE: false,
    SPOTIFY_TIMEOUT_MS: 2000,
    FORCE_REFRESH_MIN_INTERVAL_MS: 10_000,
    SESSION_IDLE_HOURS: 168,
    SESSION_MAX_AGE_DAYS: 30,
    SPOTIFY_CLIENT_ID: emu?.clientId,
    SPOTIFY_CLIENT_SECRET: emu?.clientSecret,
    SPOTIFY_ACCOUNTS_URL: emu?.accountsUrl ?? 'https://accounts.spotify.com',
    SPOTIFY_API_URL: emu?.apiUrl ?? 'https://api.spotify.com/v1',
    SPOTIFY_REDIRECT_URI: emu?.redirectUris[0] ?? 'http://127.0.0.1:3000/api/auth/callback',
    ...overrides,
  };
}

export function createAuthApp(config: AuthServiceConfig, clock?: Clock): Promise<INestApplication> {
  return createServiceTestApp(AppModule.forRoot(config, clock), SERVICE);
}

export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ seed: 7, ...options });
}

/** A port that was free a moment ago (for a redirect URI that must be known before the app listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function sql<T = Record<string, unknown>>(db: TestDatabase, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
