import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SessionRow {
  accountId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** auth.sessions: rows are keyed by the hash of the session id, never the id itself. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(tokenHash: string, accountId: string, now: Date, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO auth.sessions (token_hash, account_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)`,
      [tokenHash, accountId, now, expiresAt],
    );
  }

  async find(tokenHash: string): Promise<SessionRow | null> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT account_id AS "accountId", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
         FROM auth.sessions WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async touch(tokenHash: string, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE auth.sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2`, [tokenHash, now]);
  }

  /** True when a live session was revoked by this call. */
  async revoke(tokenHash: string, now: Date): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE auth.sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`,
      [tokenHash, now],
    );
    return affected > 0;
  }

  async revokeAccount(accountId: string, now: Date): Promise<number> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE auth.sessions SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL`,
      [accountId, now],
    );
    return affected;
  }

  /** Forgets sessions that ended more than a day ago (kept that long so their end can be logged and tested). */
  async prune(now: Date, idleMs: number): Promise<number> {
    const dayAgo = new Date(now.getTime() - 86_400_000);
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM auth.sessions WHERE expires_at < $1 OR revoked_at < $1 OR last_seen_at < $2`,
      [dayAgo, new Date(dayAgo.getTime() - idleMs)],
    );
    return affected;
  }
}
