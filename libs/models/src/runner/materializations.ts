import { quoteIdent } from '../template';
import { BuildContext, Built, buildingRelation, renderModel, renderModelReplaces, resolverOf, testsOf } from './build-context';
import { runDataTests, uniqueTestFor } from './data-tests';
import { incrementalBatch } from './incremental';
import { BUILDING_SUFFIX, martsRelation } from './types';

/**
 * A view, created aside as `<name>__building` on the relations this run reads, and tested there;
 * the run publishes it (see publish.ts).
 */
export async function buildView(ctx: BuildContext): Promise<Built> {
  const building = buildingRelation(ctx.model.name);
  await ctx.client.query(`DROP VIEW IF EXISTS ${building}`);
  await ctx.client.query(`CREATE VIEW ${building} AS ${renderModel(ctx, building, false)}`);
  await runDataTests(ctx.client, testsOf(ctx), { relation: building, resolve: resolverOf(ctx) }, ctx.tests);
  return { rows: null, mode: 'full' };
}

/** A whole table, built aside as `<name>__building`, indexed, analyzed and tested; the run publishes it. */
export async function buildTable(ctx: BuildContext): Promise<Built> {
  const { client, model } = ctx;
  const tests = testsOf(ctx);
  const building = buildingRelation(model.name);
  await client.query(`DROP TABLE IF EXISTS ${building}`);
  const created = await client.query(`CREATE TABLE ${building} AS ${renderModel(ctx, building, false)}`);
  // Index builds and data tests of a whole table: give them memory (the model's SELECT ran with the defaults).
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  await client.query(`SET LOCAL work_mem = '64MB'`);
  const known = new Map<string, number>();
  for (const [i, columns] of model.indexes.entries()) {
    const index = `${quoteIdent(`${model.name}${BUILDING_SUFFIX}_ix${i + 1}`)} ON ${building} (${columns.map(quoteIdent).join(', ')})`;
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
  await client.query(`ANALYZE ${building}`);
  await runDataTests(client, tests, { relation: building, resolve: resolverOf(ctx) }, ctx.tests, known);
  return { rows: created.rowCount ?? 0, mode: 'full' };
}

/** An incremental batch: its keys' rows replaced in the published table (visible when the run commits), the batch's rows tested. */
export async function buildIncremental(ctx: BuildContext): Promise<Built> {
  const self = martsRelation(ctx.model.name);
  const batch = await incrementalBatch(ctx, testsOf(ctx), renderModel(ctx, self, true), renderModelReplaces(ctx, self));
  return { rows: batch.rows, mode: 'incremental', changed: batch.changed };
}
