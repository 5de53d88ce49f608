import type { PoolClient } from 'pg';

export class AccountGoneError extends Error {
  constructor(accountId: string) {
    super(`account ${accountId} was deleted; nothing was stored for it`);
    this.name = 'AccountGoneError';
  }
}

/**
 * Inside a load's transaction: holds the account row (FOR KEY SHARE) so a concurrent delete with
 * purge (which locks it FOR UPDATE) runs either wholly before this load, which then stores
 * nothing, or wholly after it, and then purges what it stored. Never orphaned plays.
 */
export async function lockAccountForLoad(client: Pick<PoolClient, 'query'>, accountId: string): Promise<void> {
  const found = await client.query('SELECT 1 FROM auth.accounts WHERE id = $1 FOR KEY SHARE', [accountId]);
  if (!found.rowCount) throw new AccountGoneError(accountId);
}
