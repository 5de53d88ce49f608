import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountStatus } from '@rewind/db';
import { DataSource, EntityManager } from 'typeorm';
import type { Sealed } from '../crypto/token-cipher';

export interface TokenRow {
  accountId: string;
  status: AccountStatus;
  statusReason: string | null;
  refreshCiphertext: Buffer;
  refreshKeyId: string;
  accessCiphertext: Buffer | null;
  accessKeyId: string | null;
  accessExpiresAt: Date | null;
  lastRefreshAt: Date | null;
  /** milliseconds since the last refresh, by the database clock (shared by every instance) */
  msSinceRefresh: number | null;
}

const SELECT_TOKENS = `
  SELECT t.account_id AS "accountId", a.status, a.status_reason AS "statusReason",
         t.refresh_token_ciphertext AS "refreshCiphertext", t.refresh_token_key_id AS "refreshKeyId",
         t.access_token_ciphertext AS "accessCiphertext", t.access_token_key_id AS "accessKeyId",
         t.access_token_expires_at AS "accessExpiresAt", a.last_refresh_at AS "lastRefreshAt",
         (extract(epoch FROM clock_timestamp() - a.last_refresh_at) * 1000)::float8 AS "msSinceRefresh"
    FROM auth.account_tokens t JOIN auth.accounts a ON a.id = t.account_id
   WHERE t.account_id = $1`;

@Injectable()
export class TokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(accountId: string): Promise<TokenRow | null> {
    const rows: TokenRow[] = await this.dataSource.query(SELECT_TOKENS, [accountId]);
    return rows[0] ?? null;
  }

  async accountExists(accountId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM auth.accounts WHERE id = $1`, [accountId]);
    return rows.length > 0;
  }

  /**
   * Runs `fn` holding the row lock on the account's tokens (SELECT ... FOR UPDATE): every
   * refresh of one account, in any process, happens one at a time, and each sees what the
   * previous one stored.
   */
  withLockedTokens<T>(accountId: string, fn: (row: TokenRow | null, em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      const rows: TokenRow[] = await em.query(`${SELECT_TOKENS} FOR UPDATE OF t`, [accountId]);
      return fn(rows[0] ?? null, em);
    });
  }

  async saveRefreshed(
    em: EntityManager,
    accountId: string,
    access: Sealed,
    expiresAt: Date,
    refresh: Sealed | null,
    scope: string | null,
  ): Promise<void> {
    await em.query(
      `UPDATE auth.account_tokens
          SET access_token_ciphertext = $2, access_token_key_id = $3, access_token_expires_at = $4,
              refresh_token_ciphertext = COALESCE($5, refresh_token_ciphertext),
              refresh_token_key_id = COALESCE($6, refresh_token_key_id),
              scope = COALESCE($7, scope), updated_at = now()
        WHERE account_id = $1`,
      [accountId, access.ciphertext, access.keyId, expiresAt, refresh?.ciphertext ?? null, refresh?.keyId ?? null, scope],
    );
    await em.query(`UPDATE auth.accounts SET last_refresh_at = now(), updated_at = now() WHERE id = $1`, [accountId]);
  }

  /** Final refusal: no more refresh attempts until the user reconnects; the dead access token goes too. */
  async markReauthRequired(em: EntityManager, accountId: string, reason: string): Promise<void> {
    await em.query(`UPDATE auth.accounts SET status = 'reauth_required', status_reason = $2, updated_at = now() WHERE id = $1`, [
      accountId,
      reason,
    ]);
    await em.query(
      `UPDATE auth.account_tokens SET access_token_ciphertext = NULL, access_token_key_id = NULL, access_token_expires_at = NULL, updated_at = now() WHERE account_id = $1`,
      [accountId],
    );
  }
}
