import type { Provider } from '@nestjs/common';
import type { HealthIndicatorFunction, HealthIndicatorResult } from '@nestjs/terminus';
import { READINESS_CHECKS } from '@rewind/health';
import { PG_POOL } from '@rewind/service-kit';
import type { Pool } from 'pg';
import { openPollGaps } from '../shared/read-models';
import { GAP_ADVICE } from './runs.repository';

/**
 * Readiness detail "polling": always up (the service works), but degraded while an account's
 * latest successful poll found a gap (more than 50 plays between two polls) that no later
 * poll or import has closed.
 */
export async function pollingReadiness(pool: Pool): Promise<HealthIndicatorResult> {
  const rows = await openPollGaps(pool);
  if (!rows.length) return { polling: { status: 'up' } };
  const first = rows[0];
  const accounts = rows.length === 1 ? `account ${first.accountId}` : `${rows.length} accounts`;
  return {
    polling: {
      status: 'up',
      degraded: true,
      reason: `Plays may be missing for ${accounts} (more than 50 listens between two polls, e.g. ${first.gapFrom.toISOString()} to ${first.gapTo.toISOString()}): ${GAP_ADVICE}`,
      gaps: rows.map((r) => ({ accountId: r.accountId, from: r.gapFrom.toISOString(), to: r.gapTo.toISOString() })),
    },
  };
}

export const POLLING_READINESS: Provider = {
  provide: READINESS_CHECKS,
  useFactory: (pool: Pool): HealthIndicatorFunction[] => [() => pollingReadiness(pool)],
  inject: [PG_POOL],
};
