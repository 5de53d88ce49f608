import type { Provider } from '@nestjs/common';
import type { HealthIndicatorFunction, HealthIndicatorResult } from '@nestjs/terminus';
import { READINESS_CHECKS } from '@rewind/health';
import { DataSource } from 'typeorm';
import { GAP_ADVICE } from './runs.repository';

/**
 * Readiness detail "polling": always up (the service works), but degraded while an account's
 * latest successful poll found a gap (more than 50 plays between two polls) that no later
 * poll or import has closed.
 */
export async function pollingReadiness(dataSource: DataSource): Promise<HealthIndicatorResult> {
  const rows: { account_id: string; gap_from: Date; gap_to: Date }[] = await dataSource.query(
    `SELECT l.account_id, l.gap_from, l.gap_to
     FROM (SELECT DISTINCT ON (r.account_id) r.account_id, r.gap_detected, r.gap_from, r.gap_to
           FROM raw.ingest_runs r JOIN auth.accounts a ON a.id = r.account_id AND a.status = 'active'
           WHERE r.status = 'succeeded'
           ORDER BY r.account_id, r.started_at DESC, r.finished_at DESC) l
     WHERE l.gap_detected AND NOT EXISTS (
       SELECT 1 FROM raw.plays ip WHERE ip.account_id = l.account_id AND ip.source <> 'poll' AND ip.played_at >= l.gap_to - interval '10 seconds')
     ORDER BY l.gap_from`,
  );
  if (!rows.length) return { polling: { status: 'up' } };
  const first = rows[0];
  const accounts = rows.length === 1 ? `account ${first.account_id}` : `${rows.length} accounts`;
  return {
    polling: {
      status: 'up',
      degraded: true,
      reason: `Plays may be missing for ${accounts} (more than 50 listens between two polls, e.g. ${new Date(first.gap_from).toISOString()} to ${new Date(first.gap_to).toISOString()}): ${GAP_ADVICE}`,
      gaps: rows.map((r) => ({ accountId: r.account_id, from: new Date(r.gap_from).toISOString(), to: new Date(r.gap_to).toISOString() })),
    },
  };
}

export const POLLING_READINESS: Provider = {
  provide: READINESS_CHECKS,
  useFactory: (dataSource: DataSource): HealthIndicatorFunction[] => [() => pollingReadiness(dataSource)],
  inject: [DataSource],
};
