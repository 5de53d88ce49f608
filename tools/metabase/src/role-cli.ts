import { enableRoleLogin } from './role';

/**
 * `node dist/tools/metabase/src/role-cli.js`: sets LOGIN and the password of Metabase's read-only
 * role from METABASE_DB_PASSWORD (DATABASE_URL = an admin connection). docker compose runs it
 * once after `migrate`, before Metabase starts.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const password = process.env.METABASE_DB_PASSWORD ?? '';
  const role = process.env.METABASE_DB_USER || undefined;
  if (!url) throw new Error('DATABASE_URL is not set');
  await enableRoleLogin(url, password, role);
  console.log(`metabase role: ${role ?? 'rewind_metabase'} can log in (password from METABASE_DB_PASSWORD)`);
}

main().catch((err: Error) => {
  console.error(`metabase role: ${err.message}`);
  process.exit(1);
});
