import 'reflect-metadata';
import { embeddedDatabaseUrl } from '@rewind/config';
import { EmbeddedDatabaseError, startDefaultEmbeddedDatabase } from '../embedded';
import { migrateDatabase } from '../migrate';
import { enableServiceRoles, SERVICE_ROLES, ServiceRoleName } from '../service-roles';

/** <SERVICE>_DB_PASSWORD for each service role (docker compose): lets the roles log in with them. */
async function enableRolesFromEnv(url: string): Promise<void> {
  const passwords = Object.fromEntries(Object.keys(SERVICE_ROLES).map((s) => [s, process.env[`${s.toUpperCase()}_DB_PASSWORD`] ?? '']));
  const missing = Object.entries(passwords).filter(([, p]) => !p);
  if (missing.length === Object.keys(passwords).length) return;
  if (missing.length)
    throw new Error(`set every service's password, or none: ${missing.map(([s]) => `${s.toUpperCase()}_DB_PASSWORD`).join(', ')} missing`);
  const urls = await enableServiceRoles(url, passwords as Record<ServiceRoleName, string>);
  console.log(
    urls ? `Service roles can log in: ${Object.values(SERVICE_ROLES).join(', ')}` : 'Service roles not set up (needs CREATEROLE)',
  );
}

/** `npm run db:migrate`: DATABASE_URL when set, else the embedded default in .data/postgres. */
async function main(): Promise<void> {
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    try {
      const embedded = await startDefaultEmbeddedDatabase();
      url = embedded.url;
      stop = embedded.stop;
    } catch (error) {
      // `npm start` is running: migrate its server instead of starting a second one.
      if (!(error instanceof EmbeddedDatabaseError) || !/already running/.test(error.message)) throw error;
      url = embeddedDatabaseUrl();
    }
  }
  try {
    const { applied } = await migrateDatabase(url);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
    await enableRolesFromEnv(url);
  } finally {
    await stop?.();
  }
}

main().catch((error) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
