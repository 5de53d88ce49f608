import type { Provider } from '@nestjs/common';
import type { HealthIndicatorFunction, HealthIndicatorResult } from '@nestjs/terminus';
import { READINESS_CHECKS } from '@rewind/health';
import { DataSource } from 'typeorm';

/**
 * Readiness detail "accounts": always up (the service works), but `degraded: true` with a
 * reason when accounts need to reconnect; the gateway reports the service as degraded then.
 */
export async function accountsReadiness(dataSource: DataSource): Promise<HealthIndicatorResult> {
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM auth.accounts WHERE status = 'reauth_required'`);
  if (!n) return { accounts: { status: 'up' } };
  return { accounts: { status: 'up', degraded: true, reason: `${n} account${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} to reconnect` } };
}

export const ACCOUNTS_READINESS: Provider = {
  provide: READINESS_CHECKS,
  useFactory: (dataSource: DataSource): HealthIndicatorFunction[] => [() => accountsReadiness(dataSource)],
  inject: [DataSource],
};
