export const MODEL_MATERIALIZATIONS = ['view', 'table', 'incremental'] as const;
export type ModelMaterialization = (typeof MODEL_MATERIALIZATIONS)[number];

/**
 * How an incremental batch replaces rows of the built table:
 * - `delete+insert`: rows whose `unique_key` values appear in the batch are deleted, then the batch is inserted.
 * - `tail`: per value of `unique_key` (e.g. account_id), rows whose `tail_key` is at or after the batch's
 *   smallest `tail_key` are deleted, then the batch is inserted (for models like sessions whose keys move).
 */
export const INCREMENTAL_STRATEGIES = ['delete+insert', 'tail'] as const;
export type IncrementalStrategy = (typeof INCREMENTAL_STRATEGIES)[number];

export type DataTestKind = 'unique' | 'not_null' | 'accepted_values' | 'relationships' | 'singular';

export interface DataTestDefinition {
  /** Unique across the project, e.g. `unique_fct_plays__account_id__played_at`. */
  name: string;
  kind: DataTestKind;
  /** The model the test guards; it runs inside that model's build, before the swap. */
  model: string;
  /** File that declares the test (relative to the models root). */
  file: string;
  columns: string[];
  /** accepted_values */
  values?: string[];
  /** relationships: every non-null value of `columns[0]` exists in `to.model`.`to.column`. */
  to?: { model: string; column: string };
  /** singular: a SELECT returning the failing rows (template, may use ref()). */
  sql?: string;
  description?: string;
  /** singular: models it reads. */
  refs?: string[];
}

export interface SourceRef {
  schema: string;
  name: string;
}

export interface ModelDefinition {
  name: string;
  /** Path relative to the models root, e.g. `marts/fct_plays.sql`. */
  file: string;
  /** The top folder of `file`: staging, intermediate or marts (MODEL_LAYERS). */
  layer: string;
  version: string;
  materialized: ModelMaterialization;
  uniqueKey: string[];
  strategy: IncrementalStrategy;
  tailKey: string | null;
  description: string;
  /** Each entry is the column list of one btree index on the built table. */
  indexes: string[][];
  /** The whole file (template). */
  sql: string;
  /** sha256 of the file's text: any edit is a change. */
  checksum: string;
  refs: string[];
  sources: SourceRef[];
  tests: DataTestDefinition[];
}

export class ModelProjectError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ModelProjectError';
  }
}
