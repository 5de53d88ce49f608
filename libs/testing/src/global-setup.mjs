import { startThrowawayPostgres } from './embedded-server.mjs';

// One PostgreSQL server per Jest run: TEST_DATABASE_URL when given, else an embedded one.
// Each test file then gets its own database cloned from a migrated template (see database.ts).
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) return;
  const server = await startThrowawayPostgres();
  globalThis.__REWIND_TEST_PG__ = server;
  process.env.TEST_DATABASE_URL = server.url;
}
