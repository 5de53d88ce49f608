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

/** Variables every service reads (ARCHITECTURE.md §3). */
export const commonEnv = {
  DATABASE_URL: postgresUrl,
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters'),
};

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
