import { createDataSource } from './data-source';
import { applyServiceGrants } from './service-roles';

export interface MigrateResult {
  applied: string[];
}

/** Applies every pending migration, each in its own transaction. */
export async function migrateDatabase(url: string): Promise<MigrateResult> {
  const dataSource = createDataSource({ url, applicationName: 'rewind-migrate', poolSize: 1 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    // The service roles' grants cover the tables every migration created, the later ones too.
    if (applied.length) await applyServiceGrants(url);
    return { applied: applied.map((m) => m.name) };
  } finally {
    await dataSource.destroy();
  }
}
