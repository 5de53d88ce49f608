import { Pool } from 'pg';
import { loadModelProject, quoteIdent, render } from '@rewind/models';

const MARTS = 'marts';
const rel = (name: string) => `${quoteIdent(MARTS)}.${quoteIdent(name)}`;

/**
 * Test helper: builds every model of libs/models into schema `marts`, full-refresh style (views as
 * views, tables and incremental models as `create table as select`, in DAG order, with their
 * indexes), then records a finished transform run so the marts have a version. Not the runner
 * (no data tests, no ledger of models): just the same SQL, rendered by libs/models.
 */
export async function buildMarts(pool: Pool): Promise<string> {
  const project = loadModelProject();
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`create schema if not exists ${quoteIdent(MARTS)}`);
    const { rows } = await client.query<{ stamp: string }>(
      `select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as stamp`,
    );
    const stamp = `'${rows[0].stamp}'::timestamptz`;
    for (const model of project.models) {
      const sql = render(model.sql, {
        ref: rel,
        self: rel(model.name),
        incremental: false,
        runStartedAt: stamp,
        lastRunStartedAt: stamp,
        watermark: stamp,
      });
      const existing = await client.query<{ relkind: string }>(
        `select c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = $2`,
        [MARTS, model.name],
      );
      const kind = existing.rows[0]?.relkind;
      if (kind === 'v') await client.query(`drop view ${rel(model.name)} cascade`);
      else if (kind) await client.query(`drop table ${rel(model.name)} cascade`);
      if (model.materialized === 'view') {
        await client.query(`create view ${rel(model.name)} as ${sql}`);
      } else {
        await client.query(`create table ${rel(model.name)} as ${sql}`);
        for (const columns of model.indexes) {
          await client.query(`create index on ${rel(model.name)} (${columns.map(quoteIdent).join(', ')})`);
        }
        await client.query(`analyze ${rel(model.name)}`);
      }
    }
    const run = await client.query<{ id: string }>(
      `insert into transform.runs (status, trigger, full_refresh, started_at, finished_at) values ('succeeded', 'manual', true, clock_timestamp(), clock_timestamp()) returning id`,
    );
    await client.query('commit');
    return run.rows[0].id;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
