import { Pool } from 'pg';
import { buildAllModels } from '@rewind/models';

/** Builds every mart with the real transform runner (a full refresh) and returns the run's id: the marts version. */
export async function buildMarts(pool: Pool): Promise<string> {
  return (await buildAllModels(pool)).runId;
}
