import type { PoolClient } from 'pg';

export class AccountGoneError extends Error {
  constructor(accountId: string) {
    super(`account ${accountId} was deleted; nothing was stored for it`);
    this.name = 'AccountGoneError';
  }
}

/**
 * Inside a load's transaction, before it looks for duplicates:
 * - holds the account row (FOR KEY SHARE), so a concurrent delete with purge (which locks it
 *   FOR UPDATE) runs wholly before this load, which then stores nothing, or wholly after it,
 *   and then purges what it stored: never orphaned plays;
 * - serialises the loads of one account (a transaction-scoped advisory lock): a poll and an
 *   import store the same listen at instants that differ by up to a second, so the unique key
 *   cannot catch it; each must see the other's committed plays when it checks for duplicates.
 */
export async function lockAccountForLoad(client: Pick<PoolClient, 'query'>, accountId: string): Promise<void> {
  // SELECT ... FOR KEY SHARE through a function: ingest-service's role may not write auth.accounts (libs/db service-roles.ts).
  const found = await client.query<{ found: boolean }>('SELECT auth.lock_account_for_load($1) AS found', [accountId]);
  if (!found.rows[0].found) throw new AccountGoneError(accountId);
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('rewind:load'), hashtext($1))`, [accountId]);
}
