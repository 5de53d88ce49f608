import { PoolClient } from 'pg';
import { ModelProject } from '../dag';
import { quoteIdent, render } from '../template';
import { BuildContext, Built, renderModel, testsOf } from './build-context';
import { runDataTests, uniqueTestFor } from './data-tests';
import { incrementalBatch } from './incremental';
import { BUILDING_SUFFIX, MARTS_SCHEMA, martsRelation as rel } from './types';

export async function buildView(ctx: BuildContext): Promise<Built> {
  const { client, model } = ctx;
  await dropRelation(client, model.name, ctx.relations.get(model.name));
  await client.query(`CREATE VIEW ${rel(model.name)} AS ${renderModel(ctx, rel(model.name), false)}`);
  await recreateDependentViews(client, ctx.project, model.name, ctx.relations);
  await runDataTests(client, testsOf(ctx), { relation: rel(model.name) }, ctx.tests);
  return { rows: null, mode: 'full' };
}

/** A whole table: built as `<name>__building`, indexed, analyzed and tested, then swapped in. */
export async function buildTable(ctx: BuildContext): Promise<Built> {
  const { client, model } = ctx;
  const tests = testsOf(ctx);
  const building = `${model.name}${BUILDING_SUFFIX}`;
  await client.query(`DROP TABLE IF EXISTS ${rel(building)}`);
  const created = await client.query(`CREATE TABLE ${rel(building)} AS ${renderModel(ctx, rel(building), false)}`);
  // Index builds and data tests of a whole table: give them memory (the model's SELECT ran with the defaults).
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  await client.query(`SET LOCAL work_mem = '64MB'`);
  const known = new Map<string, number>();
  for (const [i, columns] of model.indexes.entries()) {
    const index = `${quoteIdent(`${building}_ix${i + 1}`)} ON ${rel(building)} (${columns.map(quoteIdent).join(', ')})`;
    // An index on exactly a unique test's columns is built UNIQUE: building it is the test
    // (NULLS NOT DISTINCT: like the test's GROUP BY, two nulls are a duplicate).
    const unique = uniqueTestFor(tests, columns);
    if (unique && !known.has(unique.name)) {
      await client.query('SAVEPOINT unique_index');
      try {
        await client.query(`CREATE UNIQUE INDEX ${index} NULLS NOT DISTINCT`);
        await client.query('RELEASE SAVEPOINT unique_index');
        known.set(unique.name, 0);
        continue;
      } catch (e) {
        if ((e as { code?: string }).code !== '23505') throw e;
        // Duplicates: a plain index, and the test query counts them below.
        await client.query('ROLLBACK TO SAVEPOINT unique_index');
      }
    }
    await client.query(`CREATE INDEX ${index}`);
  }
  await client.query(`ANALYZE ${rel(building)}`);
  await runDataTests(client, tests, { relation: rel(building) }, ctx.tests, known);
  await ctx.hooks?.beforeSwap?.(model.name, rel(building));
  // The swap: readers keep the old table until this transaction commits.
  await dropRelation(client, model.name, ctx.relations.get(model.name));
  await client.query(`ALTER TABLE ${rel(building)} RENAME TO ${quoteIdent(model.name)}`);
  for (const i of model.indexes.keys()) {
    await client.query(
      `ALTER INDEX ${quoteIdent(MARTS_SCHEMA)}.${quoteIdent(`${building}_ix${i + 1}`)} RENAME TO ${quoteIdent(`${model.name}_ix${i + 1}`)}`,
    );
  }
  await recreateDependentViews(client, ctx.project, model.name, ctx.relations);
  return { rows: created.rowCount ?? 0, mode: 'full' };
}

/** An incremental batch: its keys' rows replaced in the published table, the batch's rows tested. */
export async function buildIncremental(ctx: BuildContext): Promise<Built> {
  const rows = await incrementalBatch(ctx, testsOf(ctx), renderModel(ctx, rel(ctx.model.name), true));
  return { rows, mode: 'incremental' };
}

export async function dropRelation(client: PoolClient, name: string, relkind: string | undefined): Promise<void> {
  if (relkind === 'v') await client.query(`DROP VIEW IF EXISTS ${rel(name)} CASCADE`);
  else if (relkind === 'm') await client.query(`DROP MATERIALIZED VIEW IF EXISTS ${rel(name)} CASCADE`);
  else if (relkind === 'r') await client.query(`DROP TABLE IF EXISTS ${rel(name)} CASCADE`);
}

/** DROP ... CASCADE took the views built on this model with it: put back those that existed. */
export async function recreateDependentViews(
  client: PoolClient,
  project: ModelProject,
  name: string,
  relations: Map<string, string>,
): Promise<void> {
  const views: string[] = [];
  const visit = (n: string) => {
    for (const d of project.dependents(n)) {
      const model = project.byName.get(d)!;
      if (model.materialized === 'view' && relations.get(d) === 'v' && !views.includes(d)) {
        views.push(d);
        visit(d);
      }
    }
  };
  visit(name);
  const order = project.models.map((m) => m.name).filter((n) => views.includes(n));
  for (const v of order) {
    const model = project.byName.get(v)!;
    await client.query(`CREATE OR REPLACE VIEW ${rel(v)} AS ${render(model.sql, { ref: rel, self: rel(v), incremental: false })}`);
  }
}
