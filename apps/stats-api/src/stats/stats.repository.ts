import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { STATS_POOL } from './stats.tokens';

export interface AccountContext {
  id: string;
  /** coalesce(auth.accounts.time_zone, 'UTC') */
  timeZone: string;
}

export interface LookupResult {
  accounts: AccountContext[];
  /** Last finished transform run (`id@finished_at`), null before the first. */
  version: string | null;
}

/** The marts' version: the last finished transform run, as `id@finished_at` (null before the first). */
export const MARTS_VERSION_SQL = `select r.id::text || '@' || to_char(r.finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
  from transform.runs r where r.finished_at is not null order by r.requested_at desc, r.finished_at desc limit 1`;

/** The account a request names and the marts version, read from auth.accounts and transform.runs. */
@Injectable()
export class StatsRepository {
  constructor(@Inject(STATS_POOL) private readonly pool: Pool) {}

  private async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  /** The account(s) and the marts' version in one round trip: all accounts (up to 2) when none is named. */
  async lookup(accountId: string | null): Promise<LookupResult> {
    const rows = await this.rows<{ id: string | null; tz: string | null; version: string | null }>(
      `with acc as (
         select a.id, coalesce(a.time_zone, 'UTC') as tz from auth.accounts a
         where ($1::uuid is null or a.id = $1::uuid) order by a.id limit 2
       )
       select acc.id, acc.tz,
         (${MARTS_VERSION_SQL}) as version
       from (select 1) one left join acc on true`,
      [accountId],
    );
    return {
      accounts: rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, timeZone: r.tz! })),
      version: rows[0]?.version ?? null,
    };
  }
}
