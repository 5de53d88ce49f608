import 'reflect-metadata';
import { embeddedDatabaseUrl } from '@rewind/config';
import { EmbeddedDatabaseError, startDefaultEmbeddedDatabase } from '../embedded';
import { migrateDatabase } from '../migrate';

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
  } finally {
    await stop?.();
  }
}

main().catch((error) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
