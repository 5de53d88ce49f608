export const TRANSFORM_OPTIONS = Symbol('TRANSFORM_OPTIONS');

export interface TransformOptions {
  pollIntervalMs: number;
  cron: string;
  fullRefreshCron: string;
  /** Folder of the SQL models (defaults to libs/models). */
  modelsRoot?: string;
}

export { TRANSFORM_REQUEST_CHANNEL as TRANSFORM_NOTIFY_CHANNEL } from '@rewind/db';
