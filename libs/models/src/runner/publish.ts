import { PoolClient } from 'pg';
import { ModelProject } from '../dag';
import { quoteIdent, render } from '../template';
import { buildingRelation } from './build-context';
import { BUILDING_SUFFIX, MARTS_SCHEMA, martsRelation as rel, RunHooks } from './types';

/** How long publishing waits for a reader's lock before it lets go and tries again (a reader may hold one table and wait for another). */
const LOCK_TIMEOUT = '3s';
const LOCK_ATTEMPTS = 10;

/**
 * Replaces the published relations of every model rebuilt aside by the run with the rebuilt ones,
 * inside the run's transaction (readers see the old relations until it commits). `aside` is in
 * DAG order; `relations` holds the relkinds in schema marts before the run. Views that DROP ...
 * CASCADE took with a replaced relation and that the run did not rebuild are put back.
 */
export async function publishAside(
  client: PoolClient,
  project: ModelProject,
  aside: string[],
  relations: Map<string, string>,
  hooks: RunHooks | undefined,
): Promise<void> {
  if (!aside.length) return;
  for (const name of aside) await hooks?.beforeSwap?.(name, buildingRelation(name));
  await lockPublished(client, aside, relations);
  for (const name of aside) {
    const model = project.byName.get(name)!;
    await dropRelation(client, name, relations.get(name));
    const kind = model.materialized === 'view' ? 'VIEW' : 'TABLE';
    await client.query(`ALTER ${kind} ${buildingRelation(name)} RENAME TO ${quoteIdent(name)}`);
    if (kind === 'VIEW') continue;
    for (const i of model.indexes.keys()) {
      await client.query(
        `ALTER INDEX ${quoteIdent(MARTS_SCHEMA)}.${quoteIdent(`${name}${BUILDING_SUFFIX}_ix${i + 1}`)} RENAME TO ${quoteIdent(`${name}_ix${i + 1}`)}`,
      );
    }
  }
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'v'`,
    [MARTS_SCHEMA],
  );
  const views = new Set(rows.map((r) => r.relname));
  for (const model of project.models) {
    if (model.materialized !== 'view' || relations.get(model.name) !== 'v' || views.has(model.name)) continue;
    await client.query(`CREATE VIEW ${rel(model.name)} AS ${render(model.sql, { ref: rel, self: rel(model.name), incremental: false })}`);
  }
}

/**
 * Takes every lock publishing needs at once. A reader holding one of these relations while it
 * waits for another this run already locked would deadlock with it: on a lock timeout the run
 * lets go of all of them, waits and tries again, so the reader finishes.
 */
async function lockPublished(client: PoolClient, aside: string[], relations: Map<string, string>): Promise<void> {
  const published = aside.filter((name) => relations.has(name)).map((name) => rel(name));
  if (!published.length) return;
  for (let attempt = 1; ; attempt++) {
    await client.query('SAVEPOINT publish_locks');
    try {
      await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await client.query(`LOCK TABLE ${published.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await client.query(`SET LOCAL lock_timeout = DEFAULT`);
      await client.query('RELEASE SAVEPOINT publish_locks');
      return;
    } catch (e) {
      await client.query('ROLLBACK TO SAVEPOINT publish_locks');
      if ((e as { code?: string }).code !== '55P03' || attempt >= LOCK_ATTEMPTS) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

async function dropRelation(client: PoolClient, name: string, relkind: string | undefined): Promise<void> {
  if (relkind === 'v') await client.query(`DROP VIEW IF EXISTS ${rel(name)} CASCADE`);
  else if (relkind === 'm') await client.query(`DROP MATERIALIZED VIEW IF EXISTS ${rel(name)} CASCADE`);
  else if (relkind === 'r') await client.query(`DROP TABLE IF EXISTS ${rel(name)} CASCADE`);
}
