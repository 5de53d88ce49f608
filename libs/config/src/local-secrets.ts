import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where `npm start` keeps its state: the embedded database, generated secrets, logs, uploads. */
export const DATA_DIR = path.resolve(process.env.REWIND_DATA_DIR ?? '.data');

/** Port of the embedded PostgreSQL; REWIND_EMBEDDED_PG_PORT moves it (tests, a second checkout). */
export const EMBEDDED_PG_PORT = Number(process.env.REWIND_EMBEDDED_PG_PORT) || 54329;

/**
 * Creates the data directory. Others may traverse it but not list it (0711): the embedded
 * PostgreSQL runs as its own user when Rewind runs as root, and secrets are 0600 files.
 */
export function ensureDataDir(dataDir = DATA_DIR): void {
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o711);
}

/**
 * A secret generated once into `.data/<name>` (mode 0600) and reused afterwards, so
 * tokens and keys survive restarts without ever being committed or typed by hand.
 */
export function localSecret(name: string, generate: () => string, dataDir = DATA_DIR): { value: string; file: string } {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), file };
  ensureDataDir(dataDir);
  const value = generate();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { value, file };
}

export const generators = {
  token: () => randomBytes(32).toString('base64url'),
  aesKey: () => randomBytes(32).toString('base64'),
};

/**
 * For command-line tools: DATABASE_URL when set, else the embedded default of a local
 * `npm start` (which must be running, or have run once, in this checkout).
 */
export function cliDatabaseUrl(env: NodeJS.ProcessEnv = process.env, dataDir = DATA_DIR): string {
  const url = env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) throw new Error('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    return url;
  }
  if (!existsSync(path.join(dataDir, 'postgres-password'))) {
    throw new Error('DATABASE_URL is not set and there is no embedded database in .data/: run `npm start` first, or set DATABASE_URL');
  }
  return embeddedDatabaseUrl(dataDir);
}

/** The embedded default's connection URL, for tools run while `npm start` is up. */
export function embeddedDatabaseUrl(dataDir = DATA_DIR): string {
  const password = localSecret('postgres-password', generators.token, dataDir).value;
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${EMBEDDED_PG_PORT}/rewind`;
}
