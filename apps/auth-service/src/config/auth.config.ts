import { commonEnv, loadEnvOrExit, port, spotifyEnv, z } from '@rewind/config';

/** A 32-byte AES key, base64 (standard or url-safe alphabet). The value itself is never echoed. */
export const aesKey = z
  .string()
  .refine((v) => decodeKey(v) !== null, 'must be 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`)');

/** Decodes a base64 key; null unless it is exactly 32 bytes of canonical base64. */
export function decodeKey(value: string): Buffer | null {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : null;
}

export const authEnv = {
  ...commonEnv,
  ...spotifyEnv,
  PORT: port(3001),
  /** Seals every stored token (AES-256-GCM). `npm start` generates one into .data/ in embedded mode. */
  TOKEN_ENCRYPTION_KEY: aesKey,
  /** The key being rotated away from: still accepted for decryption until `npm run auth:rotate-key` finishes. */
  TOKEN_ENCRYPTION_KEY_PREVIOUS: aesKey.optional(),
  /** Spotify development-mode apps allow 5 users. */
  ACCOUNT_LIMIT: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Where the browser lands after a successful login (the gateway's dashboard). */
  LOGIN_SUCCESS_REDIRECT: z.string().min(1).default('/'),
  /** Set by `npm start` in demo mode: accounts connected are marked as demo data. */
  REWIND_DEMO_MODE: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** A forced refresh within this many ms of the previous one reuses its token (concurrent 401s share one refresh). */
  FORCE_REFRESH_MIN_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** A listener's session ends after this many hours without a request (sliding). */
  SESSION_IDLE_HOURS: z.coerce.number().int().min(1).max(8760).default(168),
  /** ... and at the latest this many days after sign-in, however active (absolute lifetime). */
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Timeout of one Spotify HTTP call, in milliseconds. */
  SPOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
};

export type AuthServiceConfig = z.infer<z.ZodObject<typeof authEnv>>;

export function loadAuthServiceConfig(): AuthServiceConfig {
  return loadEnvOrExit('auth-service', authEnv);
}
