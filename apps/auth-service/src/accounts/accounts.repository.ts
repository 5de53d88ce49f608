import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountStatus } from '@rewind/db';
import { requestTransform } from '@rewind/db';
import { DataSource, EntityManager } from 'typeorm';
import type { Sealed } from '../crypto/token-cipher';
import { checkedTimeZone } from './time-zone';

export interface AccountRow {
  id: string;
  spotifyUserId: string;
  spotifyAccountId: string | null;
  displayName: string | null;
  label: string | null;
  status: AccountStatus;
  statusReason: string | null;
  isDemo: boolean;
  timeZone: string | null;
  tokenExpiresAt: Date | null;
  lastRefreshAt: Date | null;
  consentedAt: Date | null;
  createdAt: Date;
}

export interface NewConnection {
  spotifyUserId: string;
  /** Spotify's stable account key (`account_id` of /me), when it gave one */
  spotifyAccountId: string | null;
  displayName: string | null;
  label?: string | null;
  /** IANA zone given with the connection: stored when the account has none yet */
  timeZone?: string | null;
  isDemo: boolean;
  /** set on a fresh consent (a login, a new refresh token); null keeps what is stored (now for a new account) */
  consentedAt: Date | null;
  refreshToken: Sealed;
  accessToken: Sealed;
  accessTokenExpiresAt: Date;
  scope: string | null;
}

/** Listening data removed by a purge, in this order; marts.* tables with an account_id are found at run time. */
export const PURGED_RAW_TABLES = ['plays', 'non_music_listens', 'poll_state', 'import_jobs', 'ingest_runs'];

export class AccountLimitError extends Error {
  constructor(readonly limit: number) {
    super(`At most ${limit} Spotify accounts can be connected`);
  }
}

const SELECT_ACCOUNT = `
  SELECT a.id, a.spotify_user_id AS "spotifyUserId", a.spotify_account_id AS "spotifyAccountId", a.display_name AS "displayName", a.label, a.status,
         a.status_reason AS "statusReason", a.is_demo AS "isDemo", a.time_zone AS "timeZone",
         t.access_token_expires_at AS "tokenExpiresAt", a.last_refresh_at AS "lastRefreshAt",
         a.consented_at AS "consentedAt", a.created_at AS "createdAt"
    FROM auth.accounts a LEFT JOIN auth.account_tokens t ON t.account_id = a.id`;

/**
 * The stored account of a Spotify account: the one with its `account_id`, else (connected before
 * Spotify gave account ids, or without one) the one with its user name and no other account id.
 * $1 = user name, $2 = account id or null.
 */
const SAME_SPOTIFY_ACCOUNT = `(($2::text IS NOT NULL AND spotify_account_id = $2)
  OR (spotify_user_id = $1 AND ($2::text IS NULL OR spotify_account_id IS NULL OR spotify_account_id = $2)))`;

/** Serialises account creation so two concurrent logins cannot both take the last free slot. */
const ACCOUNT_LIMIT_LOCK = 'auth.accounts:limit';

@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<AccountRow[]> {
    return this.dataSource.query(`${SELECT_ACCOUNT} ORDER BY a.created_at, a.id`);
  }

  async findById(id: string): Promise<AccountRow | null> {
    const rows: AccountRow[] = await this.dataSource.query(`${SELECT_ACCOUNT} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async count(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM auth.accounts`);
    return n;
  }

  listActive(): Promise<Array<{ id: string; timeZone: string | null; isDemo: boolean }>> {
    return this.dataSource.query(
      `SELECT id, time_zone AS "timeZone", is_demo AS "isDemo" FROM auth.accounts WHERE status = 'active' ORDER BY created_at, id`,
    );
  }

  async countNeedingReauth(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM auth.accounts WHERE status = 'reauth_required'`);
    return n;
  }

  /**
   * Creates the account, or updates the one with the same Spotify user (one user = one account),
   * and stores its sealed tokens; reactivates an account that needed re-authorisation.
   */
  saveConnection(c: NewConnection, limit: number): Promise<{ account: AccountRow; created: boolean }> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [ACCOUNT_LIMIT_LOCK]);
      const existing: Array<{ id: string; timeZone: string | null }> = await em.query(
        `SELECT id, time_zone AS "timeZone" FROM auth.accounts WHERE ${SAME_SPOTIFY_ACCOUNT}
          ORDER BY spotify_account_id IS NOT DISTINCT FROM $2 DESC LIMIT 1 FOR UPDATE`,
        [c.spotifyUserId, c.spotifyAccountId],
      );
      let id = existing[0]?.id;
      const created = !id;
      if (created) {
        const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM auth.accounts`);
        if (n >= limit) throw new AccountLimitError(limit);
        const [row] = await em.query(
          `INSERT INTO auth.accounts (spotify_user_id, spotify_account_id, display_name, label, time_zone, is_demo, consented_at, last_refresh_at, status)
           VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, now()), now(), 'active') RETURNING id`,
          [c.spotifyUserId, c.spotifyAccountId, c.displayName, c.label ?? null, c.timeZone ?? null, c.isDemo, c.consentedAt],
        );
        id = row.id as string;
      } else {
        // A zone given with a reconnection only fills a missing one: PATCH is how a zone changes.
        const fillsZone = existing[0].timeZone === null && Boolean(c.timeZone);
        await em.query(
          `UPDATE auth.accounts
              SET spotify_user_id = $6, spotify_account_id = COALESCE($7, spotify_account_id),
                  display_name = $2, label = COALESCE($3, label), consented_at = COALESCE($4, consented_at, now()),
                  time_zone = COALESCE(time_zone, $5), status = 'active', status_reason = NULL, last_refresh_at = now(), updated_at = now()
            WHERE id = $1`,
          [id, c.displayName, c.label ?? null, c.consentedAt, c.timeZone ?? null, c.spotifyUserId, c.spotifyAccountId],
        );
        if (fillsZone) await requestTransform(em, 'time_zone', id);
      }
      await em.query(
        `INSERT INTO auth.account_tokens (account_id, refresh_token_ciphertext, refresh_token_key_id, access_token_ciphertext, access_token_key_id, access_token_expires_at, scope, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (account_id) DO UPDATE SET
           refresh_token_ciphertext = EXCLUDED.refresh_token_ciphertext, refresh_token_key_id = EXCLUDED.refresh_token_key_id,
           access_token_ciphertext = EXCLUDED.access_token_ciphertext, access_token_key_id = EXCLUDED.access_token_key_id,
           access_token_expires_at = EXCLUDED.access_token_expires_at, scope = EXCLUDED.scope, updated_at = now()`,
        [
          id,
          c.refreshToken.ciphertext,
          c.refreshToken.keyId,
          c.accessToken.ciphertext,
          c.accessToken.keyId,
          c.accessTokenExpiresAt,
          c.scope,
        ],
      );
      const [account]: AccountRow[] = await em.query(`${SELECT_ACCOUNT} WHERE a.id = $1`, [id]);
      return { account, created };
    });
  }

  /** The sealed refresh token stored for a Spotify account, if it is connected. */
  async storedRefreshToken(spotifyUserId: string, spotifyAccountId: string | null): Promise<Sealed | null> {
    const rows: Array<{ ciphertext: Buffer; keyId: string }> = await this.dataSource.query(
      `SELECT t.refresh_token_ciphertext AS ciphertext, t.refresh_token_key_id AS "keyId"
         FROM auth.accounts JOIN auth.account_tokens t ON t.account_id = id
        WHERE ${SAME_SPOTIFY_ACCOUNT} ORDER BY spotify_account_id IS NOT DISTINCT FROM $2 DESC LIMIT 1`,
      [spotifyUserId, spotifyAccountId],
    );
    return rows[0] ?? null;
  }

  /** The PostgreSQL spelling of an IANA zone name; a 400 naming the field otherwise. */
  checkTimeZone(value: string): Promise<string> {
    return checkedTimeZone(this.dataSource, value);
  }

  /**
   * Changes the zone and/or label; a zone that differs from the stored one asks transform-service,
   * in the same transaction, to rebuild (fct_plays rebuilds every play of an account whose zone
   * moved). Null when there is no such account.
   */
  update(id: string, change: { timeZone?: string; label?: string | null }): Promise<AccountRow | null> {
    return this.dataSource.transaction(async (em) => {
      const found: Array<{ timeZone: string | null }> = await em.query(
        `SELECT time_zone AS "timeZone" FROM auth.accounts WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!found.length) return null;
      const timeZone = change.timeZone === undefined ? undefined : await checkedTimeZone(em, change.timeZone);
      await em.query(
        `UPDATE auth.accounts
            SET time_zone = CASE WHEN $2::boolean THEN $3 ELSE time_zone END,
                label = CASE WHEN $4::boolean THEN $5 ELSE label END, updated_at = now()
          WHERE id = $1`,
        [id, timeZone !== undefined, timeZone ?? null, change.label !== undefined, change.label ?? null],
      );
      if (timeZone !== undefined && timeZone !== found[0].timeZone) await requestTransform(em, 'time_zone', id);
      const [account]: AccountRow[] = await em.query(`${SELECT_ACCOUNT} WHERE a.id = $1`, [id]);
      return account;
    });
  }

  /** Deletes the account and its tokens; with purge, its listening data too. All in one transaction. */
  delete(id: string, purge: boolean): Promise<{ found: boolean; purged: Record<string, number> }> {
    return this.dataSource.transaction(async (em) => {
      const found: Array<{ id: string }> = await em.query(`SELECT id FROM auth.accounts WHERE id = $1 FOR UPDATE`, [id]);
      if (!found.length) return { found: false, purged: {} };
      const purged: Record<string, number> = {};
      if (purge) {
        for (const table of await this.purgeTables(em)) {
          const result = await em.query(`DELETE FROM ${table} WHERE account_id = $1`, [id]);
          purged[table] = Number(result?.[1] ?? 0);
        }
      }
      await em.query(`DELETE FROM auth.accounts WHERE id = $1`, [id]);
      return { found: true, purged };
    });
  }

  /** Quoted names of every existing table that holds an account's listening data. */
  private async purgeTables(em: EntityManager): Promise<string[]> {
    const rows: Array<{ schema: string; name: string }> = await em.query(
      `SELECT c.table_schema AS schema, c.table_name AS name
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.column_name = 'account_id'
          AND ((c.table_schema = 'raw' AND c.table_name = ANY($1)) OR c.table_schema = 'marts')`,
      [PURGED_RAW_TABLES],
    );
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const raw = PURGED_RAW_TABLES.filter((t) => rows.some((r) => r.schema === 'raw' && r.name === t)).map((t) => `raw.${quote(t)}`);
    const marts = rows
      .filter((r) => r.schema === 'marts')
      .map((r) => `marts.${quote(r.name)}`)
      .sort();
    return [...raw, ...marts];
  }
}
