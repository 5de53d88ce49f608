export const TRANSFORM_POOL = Symbol('TRANSFORM_POOL');
export const TRANSFORM_OPTIONS = Symbol('TRANSFORM_OPTIONS');

export interface TransformOptions {
  pollIntervalMs: number;
  cron: string;
  fullRefreshCron: string;
  /** Folder of the SQL models (defaults to libs/models). */
  modelsRoot?: string;
}

export const TRANSFORM_NOTIFY_CHANNEL = 'rewind_transform_requested';
