import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), 'must be a postgres:// or postgresql:// URL');

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const millis = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/**
 * How every HTTP server (gateway and services) listens, read by startService itself: the host names
 * it answers to and its limits (libs/service-kit server-limits.ts), so slow or idle clients cannot
 * hold sockets.
 */
export const serverEnv = {
  /** Comma-separated host names a service answers to besides 127.0.0.1/localhost/[::1] (e.g. its docker compose name). */
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  HTTP_HEADERS_TIMEOUT_MS: millis(10_000),
  /** Whole request, a big export upload included. */
  HTTP_REQUEST_TIMEOUT_MS: millis(600_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: millis(5_000),
  /** No traffic either way for this long closes a connection; above the gateway's 120 s wait for a service. */
  HTTP_IDLE_TIMEOUT_MS: millis(130_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1024),
};

/** Variables every service reads. */
export const commonEnv = {
  DATABASE_URL: postgresUrl,
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
};

export type ServerEnv = z.infer<z.ZodObject<typeof serverEnv>>;

/**
 * Validates `env` against `shape` once, at boot. Every problem is reported together,
 * each naming its variable; values are never echoed (they may be secrets).
 */
export function loadEnv<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = z.object(shape).safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const message = issue.code === 'invalid_type' && cleaned[name] === undefined ? 'is required but not set' : issue.message;
      return `${name}: ${message}`;
    }),
  );
}

/** For a service's main(): print a clear message and exit non-zero on a bad configuration. */
export function loadEnvOrExit<S extends z.ZodRawShape>(service: string, shape: S): z.infer<z.ZodObject<S>> {
  try {
    return loadEnv(shape);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

export { z };
