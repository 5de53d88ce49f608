import { Client } from 'pg';
import { loadModelProject, quoteIdent, render } from '@rewind/models';

/**
 * Minimal full-refresh builder for tests (the real runner lives in apps/transform-service, which
 * tools may not import): renders every model of libs/models in dependency order and builds it in
 * schema `marts` like the runner does — tables (and incremental models) under `<name>__building`,
 * then swapped in by rename, views created in place. Runs as the role that owns `marts` (the role
 * transform-service connects as), so default privileges apply to the built tables.
 */
export async function buildMarts(client: Client): Promise<string[]> {
  const project = loadModelProject();
  const built: string[] = [];
  const target = (name: string) => `${quoteIdent('marts')}.${quoteIdent(name)}`;
  for (const model of project.models) {
    const sql = render(model.sql, {
      ref: target,
      self: target(model.name),
      incremental: false,
      watermark: `'-infinity'::timestamptz`,
      runStartedAt: `'2000-01-01T00:00:00Z'::timestamptz`,
      lastRunStartedAt: `'-infinity'::timestamptz`,
    });
    if (model.materialized === 'view') {
      await client.query(`CREATE OR REPLACE VIEW ${target(model.name)} AS\n${sql}`);
    } else {
      const building = `${model.name}__building`;
      await client.query('BEGIN');
      await client.query(`DROP TABLE IF EXISTS ${target(building)}`);
      await client.query(`CREATE TABLE ${target(building)} AS\n${sql}`);
      await client.query(`DROP TABLE IF EXISTS ${target(model.name)} CASCADE`);
      await client.query(`ALTER TABLE ${target(building)} RENAME TO ${quoteIdent(model.name)}`);
      await client.query('COMMIT');
    }
    built.push(model.name);
  }
  return built;
}
