import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MIGRATIONS, migrateDatabase } from '@rewind/db';

export interface TestDatabase {
  /** Connection URL of a fresh, migrated database owned by this test file. */
  url: string;
  drop(): Promise<void>;
}

export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run tests through Jest (its globalSetup starts PostgreSQL)');
  return url;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Name of the migrated template; a new migration gives a new template. */
function templateName(): string {
  const hash = createHash('sha256')
    .update(MIGRATIONS.map((m) => m.name).join(','))
    .digest('hex')
    .slice(0, 12);
  return `rewind_template_${hash}`;
}

async function ensureTemplate(admin: Client): Promise<string> {
  const template = templateName();
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['rewind-test-template']);
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount) return template;
    // Build under a scratch name and rename, so a crash never leaves a half-migrated template.
    const scratch = `${template}_building`;
    await admin.query(`DROP DATABASE IF EXISTS "${scratch}"`);
    await admin.query(`CREATE DATABASE "${scratch}"`);
    await migrateDatabase(withDatabase(testServerUrl(), scratch));
    await admin.query(`ALTER DATABASE "${scratch}" RENAME TO "${template}"`);
    return template;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', ['rewind-test-template']);
  }
}

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `rewind_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
    const template = await ensureTemplate(admin);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  return {
    url: withDatabase(testServerUrl(), name),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined)),
  };
}

/** An empty database (not migrated), for tests of the migrations themselves. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const name = `rewind_empty_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  return {
    url: withDatabase(testServerUrl(), name),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined)),
  };
}
