import { MetabaseApiError, MetabaseUnreachableError } from './client';
import { ConfigError, loadProvisionConfig } from './config';
import { provision, ProvisionError } from './provision';
import { enableRoleLogin } from './role';

/**
 * `npm run metabase:provision`: sets up Metabase idempotently through its REST API — the
 * database connection (read-only role, schema marts), the "Rewind" collection, the native-SQL
 * cards and the "Spotify Wrapped" dashboard with its date filter. See tools/metabase/README.md.
 */
async function main(): Promise<void> {
  const config = loadProvisionConfig();
  if (config.adminDatabaseUrl && config.database.password) {
    await enableRoleLogin(config.adminDatabaseUrl, config.database.password, config.database.user);
    console.log(`✔ role ${config.database.user}: LOGIN with the password from METABASE_DB_PASSWORD`);
  }
  const result = await provision(config);
  const { created, updated } = result.cards;
  const changed = created.length + updated.length + (result.dashboard === 'unchanged' ? 0 : 1);
  console.log(
    changed
      ? `Done: dashboard "${config.dashboardName}" at ${config.metabaseUrl.replace(/\/+$/, '')}/dashboard/${result.dashboardId}`
      : `Done: nothing to change — dashboard at ${config.metabaseUrl.replace(/\/+$/, '')}/dashboard/${result.dashboardId}`,
  );
}

main().catch((err: unknown) => {
  if (
    err instanceof ConfigError ||
    err instanceof ProvisionError ||
    err instanceof MetabaseUnreachableError ||
    err instanceof MetabaseApiError
  ) {
    console.error(`metabase:provision: ${err.message}`);
  } else {
    console.error(`metabase:provision: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
  }
  process.exit(1);
});
